package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayPamSessionService;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code PAMAuthenticator.open_sessions} in a real hub: the hub (root) spawns a server as a real
 * Unix user and stops it; the throw-away PAM service's session stack records open_session at the
 * spawn and close_session at the stop.
 */
@Tag("root")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PamSessionsEndToEndTest {
  /** Answers any HTTP request where JUPYTERHUB_SERVICE_URL says: ready is any status below 500. */
  private static final String SERVER = "import os, http.server, urllib.parse as u\n"
      + "port = u.urlparse(os.environ['JUPYTERHUB_SERVICE_URL']).port\n"
      + "http.server.HTTPServer(('127.0.0.1', port), http.server.SimpleHTTPRequestHandler).serve_forever()\n";

  @Test
  void aSessionIsOpenedWhenTheServerSpawnsAndClosedWhenItStops() throws Exception {
    assumeTrue(Shell.isRoot(), "needs root: writes /etc/pam.d, creates a Unix user and spawns as that user");
    Path dir = Files.createTempDirectory("ganymede-pamsess");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the user reads server.py
    Path server = dir.resolve("server.py");
    Files.writeString(server, SERVER);
    try (ThrowAwayPamSessionService pam = ThrowAwayPamSessionService.create(); ThrowAwayUnixUser user = ThrowAwayUnixUser.create();
        RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=pam",
            "--PAMAuthenticator.service=" + pam.service, "--PAMAuthenticator.open_sessions=True",
            "--Spawner.cmd=['/usr/bin/python3', '" + server + "']")) {
      try {
        assertThat(hub.admin("POST", "/users/" + user.name, null).status()).isEqualTo(201);
        assertThat(hub.admin("POST", "/users/" + user.name + "/server", null).status()).isIn(201, 202);
        awaitReady(hub, user.name);
        assertThat(pam.recorded()).containsExactly("open_session " + user.name);

        assertThat(hub.admin("DELETE", "/users/" + user.name + "/server", null).status()).isIn(202, 204);
        Instant deadline = Instant.now().plusSeconds(30);
        while (pam.recorded().size() < 2 && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(pam.recorded()).containsExactly("open_session " + user.name, "close_session " + user.name);
      } finally {
        hub.admin("DELETE", "/users/" + user.name + "/server", null);
        Shell.run("pkill", "-KILL", "-u", user.name);
      }
    } finally {
      Shell.run("rm", "-rf", "--one-file-system", dir.toString());
    }
  }

  private static void awaitReady(RunningHub hub, String user) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (hub.admin("GET", "/users/" + user, null).json().path("servers").path("").path("ready").asBoolean(false)) return;
      Thread.sleep(100);
    }
    throw new AssertionError("not ready: " + hub.admin("GET", "/users/" + user, null));
  }
}
