package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.junit.jupiter.api.Test;

/** The pure parts of a launch: environment, command lookup, URLs, /proc parsing. */
class LauncherPartsTest {
  private static final UnixAccount ALICE = new UnixAccount("alice", 1001, 1001, Path.of("/home/alice"), "/bin/bash");

  private static SpawnRequest request(ServerLaunch settings, Map<String, String> hubEnv) {
    return new SpawnRequest(new UserName("alice"), ServerName.DEFAULT, hubEnv, "/user/alice/", settings,
        Path.of("/tmp/alice.log"), progress -> {});
  }

  @Test
  void environmentKeepsOnlyNamedHubVariablesAndLetsConfigOverrideLast() {
    ServerLaunch settings = ServerLaunch.defaults().withEnvironment(Map.of("HOME", "/srv/alice", "EXTRA", "1"));
    Map<String, String> env = ServerEnvironment.build(
        request(settings, Map.of("JUPYTERHUB_API_TOKEN", "t", "JUPYTERHUB_SERVICE_URL", "wrong")), ALICE,
        Map.of("LANG", "C.UTF-8", "CONFIGPROXY_AUTH_TOKEN", "secret"), "http://127.0.0.1:5000/user/alice/",
        Path.of("/tmp/rt"));

    assertThat(env).doesNotContainKey("CONFIGPROXY_AUTH_TOKEN")
        .containsEntry("LANG", "C.UTF-8")
        .containsEntry("JUPYTERHUB_API_TOKEN", "t")
        .containsEntry("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:5000/user/alice/")
        .containsEntry("PATH", ServerEnvironment.DEFAULT_PATH)
        .containsEntry("USER", "alice").containsEntry("LOGNAME", "alice")
        .containsEntry("HOME", "/srv/alice").containsEntry("EXTRA", "1")
        .containsEntry("JUPYTER_RUNTIME_DIR", "/tmp/rt")
        .doesNotContainKey("JUPYTERHUB_ROOT_DIR");
  }

  @Test
  void notebookDirTildeMeansTheAccountsHome() {
    assertThat(ServerEnvironment.rootDir("~/work", ALICE)).contains("/home/alice/work");
    assertThat(ServerEnvironment.rootDir("~", ALICE)).contains("/home/alice");
    assertThat(ServerEnvironment.rootDir("/srv/data", ALICE)).contains("/srv/data");
    assertThat(ServerEnvironment.rootDir("", ALICE)).isEmpty();
  }

  @Test
  void commandIsResolvedOnTheServersPathOnly() {
    assertThat(CommandResolver.resolve("sh", "relative:/bin")).isEqualTo(Path.of("/bin/sh"));
    assertThatThrownBy(() -> CommandResolver.resolve("sh", "/nonexistent"))
        .isInstanceOf(SpawnException.class).hasMessageContaining("'sh' was not found on PATH /nonexistent");
    assertThatThrownBy(() -> CommandResolver.resolve("/etc/passwd", "/bin"))
        .isInstanceOf(SpawnException.class).hasMessageContaining("'/etc/passwd' is not an executable file");
  }

  @Test
  void urlsBindWhatIsConfiguredAndConnectToLoopback() {
    assertThat(ProcessLauncher.serviceUrl("http", "127.0.0.1", 5000, "/user/a/")).isEqualTo("http://127.0.0.1:5000/user/a/");
    assertThat(ProcessLauncher.serviceUrl("http", "", 5000, "/user/a/")).isEqualTo("http://*:5000/user/a/");
    assertThat(ProcessLauncher.serviceUrl("http", "::1", 5000, "/u/")).isEqualTo("http://[::1]:5000/u/");
    assertThat(ProcessLauncher.connectUrl("http", "0.0.0.0", 5000)).hasToString("http://127.0.0.1:5000");
  }

  @Test
  void procStatParsesCommandNamesWithSpacesAndParentheses() {
    String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100";

    var stat = org.ganymede.spawn.ProcessStamp.parse(4242, line, 1000);

    assertThat(stat.state()).isEqualTo('S');
    assertThat(stat.ended()).isFalse();
    assertThat(stat.startTicks()).isEqualTo(987654);
    assertThat(org.ganymede.spawn.ProcessStamp.parse(4242, line.replace(") S ", ") Z "), 1000).ended()).isTrue();
  }

  @Test
  void passwdEntryIsParsed() {
    assertThat(UnixAccount.parse("bob:x:1002:100:Bob,,,:/home/bob:")).isEqualTo(
        new UnixAccount("bob", 1002, 100, Path.of("/home/bob"), "/bin/sh"));
  }

  @Test
  void settingsRejectAnEmptyCommandNamingTheKey() {
    assertThatThrownBy(() -> ServerLaunch.defaults().withCmd(List.of()))
        .hasMessageContaining("Spawner.cmd must name a program");
    assertThatThrownBy(() -> ServerLaunch.defaults().withPort(70000))
        .hasMessageContaining("Spawner.port must be 0–65535");
  }
}
