package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code JupyterHub.shutdown_on_logout}: logout stops the user's running server when true, keeps it when false. */
@Tag("root")
@Tag("jupyterhub")
class ShutdownOnLogoutTest {
  ThrowAwayAccount account;
  String uid;
  RunningHub hub;

  @BeforeEach
  void setUp() {
    assumeTrue(Shell.isRoot(), "needs root: creates a Unix user for the server");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    account = ThrowAwayAccount.create("gnshutlo");
    uid = account.uid();
  }

  @AfterEach
  void tearDown() {
    if (hub != null) {
      hub.admin("DELETE", "/users/" + account.name + "/server", null);
      hub.close();
    }
    account.close();
    Shell.run("sh", "-c", "rm -rf --one-file-system /tmp/ganymede-" + uid + "-*");
  }

  /** Logs in, starts the real server and waits for it on the progress stream; returns the browser. */
  Browser loggedInWithARunningServer(String shutdownOnLogout) throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("shutdown-on-logout"),
        "--JupyterHub.shutdown_on_logout=" + shutdownOnLogout, "--Spawner.http_timeout=90",
        "--Spawner.start_timeout=60");
    Browser b = new Browser(hub.url(""));
    assertThat(b.login(account.name, "x").statusCode()).isEqualTo(302);
    assertThat(hub.admin("POST", "/users/" + account.name + "/server", null).status()).isIn(201, 202);
    var progress = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/" + account.name
        + "/server/progress"))).header("Authorization", "token " + hub.adminToken).timeout(Duration.ofSeconds(120))
        .build());
    assertThat(progress.body()).contains("\"ready\":true");
    return b;
  }

  JsonNode server() {
    return hub.admin("GET", "/users/" + account.name, null).json().path("servers").path("");
  }

  boolean processAlive(long pid) {
    return Files.exists(Path.of("/proc/" + pid));
  }

  @Test
  void logoutStopsTheServerWhenShutdownOnLogoutIsTrue() throws Exception {
    Browser b = loggedInWithARunningServer("True");
    long pid = server().path("state").path("pid").asLong();
    assertThat(processAlive(pid)).isTrue();

    HttpResponse<String> logout = b.get("/hub/logout");

    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(server().isMissingNode()).as("no server in the model: %s", server()).isTrue();
    assertThat(processAlive(pid)).as("process %s ended", pid).isFalse();
  }

  @Test
  void logoutKeepsTheServerWhenShutdownOnLogoutIsFalse() throws Exception {
    Browser b = loggedInWithARunningServer("False");
    long pid = server().path("state").path("pid").asLong();

    assertThat(b.get("/hub/logout").statusCode()).isEqualTo(302);

    assertThat(server().path("ready").asBoolean(false)).as(server().toString()).isTrue();
    assertThat(processAlive(pid)).isTrue();
  }
}
