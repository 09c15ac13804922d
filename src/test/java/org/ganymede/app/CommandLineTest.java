package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ganymede} command line: config output, errors and exit codes, {@code token}, {@code upgrade-db}. */
class CommandLineTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void generatedConfigListsEveryOptionAndLoadsBackToTheDefaults() throws Exception {
    Run generated = run("--generate-config");
    assertThat(generated.code()).isZero();
    assertThat(generated.out()).contains("c.JupyterHub.port", "c.Authenticator.admin_users", "c.Spawner.cmd");
    Path file = dir.resolve("jupyterhub_config.py");
    Files.writeString(file, generated.out());
    Run shown = run("-f", file.toString(), "--show-config");
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("JupyterHub:").contains("port").contains("# default");
  }

  @Test
  void showConfigSaysWhereEachValueCameFrom() throws Exception {
    Path file = dir.resolve("jupyterhub_config.py");
    Files.writeString(file, "c = get_config()\nc.JupyterHub.port = 8443\n");
    Run shown = run("-f", file.toString(), "--show-config", "--Authenticator.admin_users={'alice'}");
    assertThat(shown.out()).contains("8443").contains("jupyterhub_config.py:2").contains("alice").contains("CLI");
  }

  @Test
  void aBadConfigFileExitsWith2AndNamesTheProblem() throws Exception {
    Path file = dir.resolve("jupyterhub_config.py");
    Files.writeString(file, "c = get_config()\nimport subprocess\n");
    Run r = run("-f", file.toString(), "--show-config");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(":2:").contains("import subprocess").contains("not supported");
    Files.writeString(file, "c.JupyterHub.prot = 8000\n");
    Run typo = run("-f", file.toString(), "--show-config");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("prot").contains("did you mean").contains("port");
  }

  @Test
  void tokenPrintsANewTokenThatTheHubAccepts() throws Exception {
    String db = "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite");
    Run r = run("token", "carol", db);
    assertThat(r.code()).as(r.err()).isZero();
    String token = r.out().strip();
    assertThat(token).matches("[0-9a-f]{32}");
    try (RunningHub hub = RunningHub.start(dir)) {
      var me = hub.api("GET", "/user", token, null);
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().get("name").asString()).isEqualTo("carol");
    }
    assertThat(run("token", "Not/Valid", db).code()).isEqualTo(2);
  }

  @Test
  void aTokenPrintedWhileTheHubRunsWorksAtOnceAndIsListed() throws Exception {
    try (RunningHub hub = RunningHub.start(dir)) {
      Run r = run("token", "frida", "--db", "sqlite:///" + dir.resolve("jupyterhub.sqlite"));
      assertThat(r.code()).as(r.err()).isZero();
      String token = r.out().strip();
      var me = hub.api("GET", "/user", token, null);
      assertThat(me.status()).as(me.body()).isEqualTo(200);
      assertThat(me.json().get("name").asString()).isEqualTo("frida");
      var listed = hub.admin("GET", "/users/frida/tokens", null);
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.json().get("api_tokens")).hasSize(1);
      assertThat(listed.json().get("api_tokens").get(0).get("note").asString()).isEqualTo("command-line generated");
    }
  }

  @Test
  void aTokenOfARunningHubsExistingUserWorksAtOnce() throws Exception {
    try (RunningHub hub = RunningHub.start(dir)) {
      assertThat(hub.admin("POST", "/users/gus", null).status()).isEqualTo(201);
      Run r = run("token", "gus", "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(hub.api("GET", "/user", r.out().strip(), null).json().get("name").asString()).isEqualTo("gus");
    }
  }

  @Test
  void tokenWithoutConfigOrDbRefusesToCreateADatabaseInTheCurrentDirectory() {
    Path stray = Path.of("jupyterhub.sqlite").toAbsolutePath();
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(stray), "a jupyterhub.sqlite is in the working directory");
    Run token = run("token", "carol");
    assertThat(token.code()).isEqualTo(1);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("no hub database at " + stray).contains("-f").contains("--db");
    Run upgrade = run("upgrade-db");
    assertThat(upgrade.code()).isEqualTo(1);
    assertThat(upgrade.err()).contains("no hub database at " + stray);
    assertThat(stray).doesNotExist();
  }

  @Test
  void upgradeDbBacksUpTheSqliteFile() throws Exception {
    String db = "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite");
    run("token", "dave", db);
    Run r = run("upgrade-db", db);
    assertThat(r.code()).as(r.err()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("jupyterhub.sqlite.")
          && n.endsWith(".bak"));
    }
  }

  @Test
  void helpListsEverySubcommandAndEachOneRunsWhereverItIsNamed() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("token", "upgrade-db", "proxy", "setup", "doctor", "check-login", "audit")
        .doesNotContain("cds-training", "spawn-helper");
    assertThat(run("proxy", "--help").out()).contains("--default-target").doesNotContain("upgrade-db");
    // after the hub's own options, as picocli always allowed
    Run token = run("--log-level=INFO", "token", "erin", "--JupyterHub.db_url=sqlite:///" + dir.resolve("j.sqlite"));
    assertThat(token.code()).as(token.err()).isZero();
    assertThat(token.out().strip()).matches("[0-9a-f]{32}");
  }
}
