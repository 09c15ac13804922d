package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hub on a real PostgreSQL server (Debian's, a throw-away cluster on a random port): schema
 * migrations, users, groups and tokens written and read back across a restart.
 */
@Tag("postgres")
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  Path cluster;
  int port;

  @BeforeAll
  void startPostgres() throws Exception {
    assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "needs Debian's postgresql-15 package");
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to run initdb as postgres");
    cluster = Files.createTempDirectory("ganymede-pg");
    run("chown", "postgres:postgres", cluster.toString());
    port = RunningHub.freePort();
    asPostgres(BIN.resolve("initdb") + " -A trust -U postgres -D " + cluster.resolve("data"));
    asPostgres(BIN.resolve("pg_ctl") + " -D " + cluster.resolve("data") + " -w -l " + cluster.resolve("log")
        + " -o '-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1' start");
    asPostgres(BIN.resolve("createdb") + " -h 127.0.0.1 -p " + port + " -U postgres jupyterhub");
  }

  @AfterAll
  void stopPostgres() throws Exception {
    if (cluster == null) return;
    asPostgres(BIN.resolve("pg_ctl") + " -D " + cluster.resolve("data") + " -m immediate stop");
    run("rm", "-rf", cluster.toString());
  }

  @Test
  void usersGroupsAndTokensSurviveARestartOnPostgres() throws Exception {
    Path dir = Files.createTempDirectory("ganymede-pg-hub");
    String db = "--JupyterHub.db_url=postgresql://postgres:unused@127.0.0.1:" + port + "/jupyterhub";
    String token;
    try (RunningHub hub = RunningHub.start(dir, db)) {
      assertThat(hub.admin("POST", "/users", "{\"usernames\": [\"pgalice\", \"pgbob\"]}").status()).isEqualTo(201);
      assertThat(hub.admin("POST", "/groups/pgteam", "{\"users\": [\"pgalice\"]}").status()).isEqualTo(201);
      token = hub.admin("POST", "/users/pgbob/tokens", "{\"note\": \"pg\"}").json().get("token").asString();
      assertThat(hub.admin("POST", "/users", "{\"usernames\": [\"pgalice\"]}").status()).isEqualTo(409);
    }
    try (RunningHub hub = RunningHub.start(dir, db)) {
      assertThat(hub.admin("GET", "/users/pgalice", null).json().get("groups").toString()).contains("pgteam");
      assertThat(hub.api("GET", "/users/pgbob", token, null).status()).isEqualTo(200);
      assertThat(hub.admin("DELETE", "/users/pgbob", null).status()).isEqualTo(204);
      assertThat(hub.api("GET", "/users/pgbob", token, null).status()).isEqualTo(403);
    }
  }

  private void asPostgres(String command) throws Exception {
    run("runuser", "-u", "postgres", "--", "sh", "-c", command);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
