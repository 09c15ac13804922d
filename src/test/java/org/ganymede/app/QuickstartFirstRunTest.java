package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.http.Json;
import org.ganymede.rootfixtures.Shell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's first run: the hub started from the very file {@code bin/quickstart} writes,
 * then "Start my server" for {@code admin}. As root the server runs as {@code jupyter-admin},
 * created on that first spawn (The Littlest JupyterHub's layout).
 */
@Tag("root")
@Tag("jupyterhub")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QuickstartFirstRunTest {
  private static final String ACCOUNT = "jupyter-admin";
  @TempDir Path state;

  @Test
  void adminsFirstServerStartsAsAnAccountCreatedForIt() throws Exception {
    assumeTrue(Shell.isRoot(), "needs root: the quick start creates jupyter-<name> accounts as root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    boolean existedBefore = Shell.run("getent", "passwd", ACCOUNT).status() == 0;
    Path config = quickstartConfig();
    var loaded = ConfigLoader.load(new ConfigSources(Optional.of(config), List.of("--JupyterHub.hub_port=0"),
        Map.of()), state).config();
    try (Ganymede hub = Ganymede.start(loaded, state, Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"))) {
      String token = hub.tokens().issue("user", "admin", List.of("inherit"), "quickstart test", Optional.empty(),
          Optional.empty(), "jupyterhub").secret();
      HttpClient http = HttpClient.newHttpClient();
      String api = "http://127.0.0.1:" + hub.publicPort() + "/hub/api";
      HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(api + "/users/admin/server"))
          .header("Authorization", "token " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(start.statusCode()).as(start.body()).isIn(201, 202);
      awaitReady(http, api, token);
      assertThat(Shell.ok("pgrep", "-u", ACCOUNT, "-f", "jupyterhub-singleuser").strip()).isNotEmpty();
      http.send(HttpRequest.newBuilder(URI.create(api + "/users/admin/server")).header("Authorization", "token " + token)
          .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      Shell.run("pkill", "-KILL", "-u", ACCOUNT);
      if (!existedBefore) Shell.run("userdel", "-r", ACCOUNT);
    }
  }

  /** Runs bin/quickstart up to the point where it has written its config (QUICKSTART_CONFIG_ONLY). */
  private Path quickstartConfig() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of("bin/quickstart").toAbsolutePath().toString())
        .redirectErrorStream(true);
    pb.environment().put("GANYMEDE_HOME", state.toString());
    pb.environment().put("PORT", Integer.toString(RunningHub.freePort()));
    pb.environment().put("QUICKSTART_CONFIG_ONLY", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    return Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  private static void awaitReady(HttpClient http, String api, String token) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      last = http.send(HttpRequest.newBuilder(URI.create(api + "/users/admin")).header("Authorization", "token " + token)
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      var server = Json.MAPPER.readTree(last).path("servers").path("");
      if (server.path("ready").asBoolean(false)) return;
      if (server.isMissingNode() && last.contains("\"pending\": null")) break;
      Thread.sleep(250);
    }
    throw new AssertionError("admin's server did not become ready: " + last);
  }
}
