package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A whole hub with real server processes (a small Python HTTP server answering like a single-user
 * server, run by the simple spawner): cleanup_servers at a graceful close, the server token's
 * scopes against the REST API, and the hub exiting after consecutive_failure_limit failed spawns.
 */
@Tag("root")
class ServerSettingsEndToEndTest {
  /** Answers every GET with a single-user server's version JSON; ends on SIGINT. */
  private static final String FAKE_SERVER = """
      import os, http.server, urllib.parse
      url = urllib.parse.urlparse(os.environ['JUPYTERHUB_SERVICE_URL'])
      class Handler(http.server.BaseHTTPRequestHandler):
          def do_GET(self):
              body = b'{"version": "fake"}'
              self.send_response(200)
              self.send_header('Content-Type', 'application/json')
              self.send_header('Content-Length', str(len(body)))
              self.end_headers()
              self.wfile.write(body)
          def log_message(self, *args):
              pass
      http.server.HTTPServer(('127.0.0.1', url.port), Handler).serve_forever()
      """;
  private static final String USER = "spawnsettings-ann";

  @TempDir Path dir;

  private RunningHub start(String... more) throws Exception {
    Path script = dir.resolve("fake_server.py");
    if (!Files.exists(script)) Files.writeString(script, FAKE_SERVER);
    List<String> traits = new ArrayList<>(List.of("--JupyterHub.spawner_class=simple",
        "--Spawner.cmd=['/usr/bin/python3', '" + script + "']", "--Spawner.http_timeout=30"));
    traits.addAll(List.of(more));
    return RunningHub.start(dir, traits.toArray(String[]::new));
  }

  private static JsonNode startServer(RunningHub hub) throws InterruptedException {
    hub.admin("POST", "/users/" + USER, null);
    assertThat(hub.admin("POST", "/users/" + USER + "/server", null).status()).isIn(201, 202);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode server = hub.admin("GET", "/users/" + USER, null).json().path("servers").path("");
      if (server.path("ready").asBoolean(false)) return server;
      Thread.sleep(100);
    }
    throw new AssertionError("server not ready: " + hub.admin("GET", "/users/" + USER, null));
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void aGracefulCloseStopsTheServersByDefault() throws Exception {
    long pid;
    try (RunningHub hub = start()) {
      pid = startServer(hub).path("state").path("pid").asLong();
      assertThat(alive(pid)).isTrue();
    }
    assertThat(alive(pid)).as("cleanup_servers = True stops the server with the hub").isFalse();
    try (RunningHub again = start()) {
      assertThat(again.admin("GET", "/users/" + USER, null).json().path("servers").size()).isZero();
    }
  }

  @Test
  void withoutCleanupServersTheServerOutlivesAGracefulCloseAndIsReadopted() throws Exception {
    long pid;
    try (RunningHub hub = start("--JupyterHub.cleanup_servers=False")) {
      pid = startServer(hub).path("state").path("pid").asLong();
    }
    try {
      assertThat(alive(pid)).as("cleanup_servers = False leaves the server running").isTrue();
      try (RunningHub again = start("--JupyterHub.cleanup_servers=False")) {
        JsonNode server = startedAgain(again);
        assertThat(server.path("state").path("pid").asLong()).as("the same process, re-adopted").isEqualTo(pid);
        assertThat(again.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            again.url("/user/" + USER + "/api"))).build()).body()).contains("fake");
        again.admin("DELETE", "/users/" + USER + "/server", null);
      }
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static JsonNode startedAgain(RunningHub hub) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode server = hub.admin("GET", "/users/" + USER, null).json().path("servers").path("");
      if (server.path("ready").asBoolean(false)) return server;
      Thread.sleep(100);
    }
    throw new AssertionError("server not re-adopted: " + hub.admin("GET", "/users/" + USER, null));
  }

  /** The API token the hub gave the running server, read from the process's environment (we are root). */
  private static String serverToken(long pid) throws Exception {
    String environ = Files.readString(Path.of("/proc/" + pid + "/environ"));
    for (String entry : environ.split("\0")) {
      if (entry.startsWith("JUPYTERHUB_API_TOKEN=")) return entry.substring("JUPYTERHUB_API_TOKEN=".length());
    }
    throw new AssertionError("no JUPYTERHUB_API_TOKEN in the server's environment");
  }

  @Test
  void byDefaultTheServerTokenHasTheServerRoleOnly() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/environ")));
    try (RunningHub hub = start()) {
      String token = serverToken(startServer(hub).path("state").path("pid").asLong());

      JsonNode self = hub.api("GET", "/user", token, null).json();
      assertThat(self.path("scopes").toString()).contains("access:servers!server=" + USER + "/")
          .contains("users:activity!user=" + USER).doesNotContain("read:users!");
      assertThat(hub.api("GET", "/users/" + USER, token, null).json().has("created"))
          .as("read:users is not in the server role (it sees only what identifies the user, and the activity)")
          .isFalse();
      assertThat(hub.api("GET", "/users", token, null).status()).as("list:users").isEqualTo(403);
      assertThat(hub.api("DELETE", "/users/" + USER + "/server", token, null).status()).as("servers").isEqualTo(403);
    }
  }

  @Test
  void withServerTokenScopesTheTokenCanDoThoseAndNothingElse() throws Exception {
    try (RunningHub hub = start("--Spawner.server_token_scopes=['read:users!user', 'users:activity!user']")) {
      String token = serverToken(startServer(hub).path("state").path("pid").asLong());

      var model = hub.api("GET", "/users/" + USER, token, null);
      assertThat(model.status()).as("read:users!user").isEqualTo(200);
      assertThat(model.json().has("created")).as("the read:users fields").isTrue();
      assertThat(hub.api("DELETE", "/users/" + USER + "/server", token, null).status())
          .as("servers is not among the scopes").isEqualTo(403);
      assertThat(hub.api("GET", "/users/admin", token, null).status()).as("another user").isIn(403, 404);
    }
  }

  @Test
  void theHubProcessExitsWithStatusOneAfterConsecutiveFailureLimitFailedSpawns() throws Exception {
    int port = RunningHub.freePort();
    String token = "0123456789abcdef0123456789abcdef";
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "org.ganymede.app.Main",
        "--ip=127.0.0.1", "--port=" + port, "--JupyterHub.hub_port=0",
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
        "--JupyterHub.authenticator_class=dummy", "--Authenticator.admin_users={'admin'}",
        "--JupyterHub.api_tokens={'" + token + "': 'admin'}", "--JupyterHub.spawner_class=simple",
        "--Spawner.cmd=['/bin/false']", "--Spawner.consecutive_failure_limit=2"));
    Process hub = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("hub.log").toFile()).start();
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      String api = "http://127.0.0.1:" + port + "/hub/api";
      awaitUp(http, api, token, hub);
      call(http, api + "/users/" + USER, "POST", token);
      assertThat(call(http, api + "/users/" + USER + "/server", "POST", token)).as("first spawn fails").isEqualTo(500);
      assertThat(call(http, api + "/", "GET", token)).as("one failure: the hub goes on").isEqualTo(200);
      assertThat(call(http, api + "/users/" + USER + "/server", "POST", token)).as("second spawn fails").isEqualTo(500);
      assertThat(hub.waitFor(30, TimeUnit.SECONDS)).as("the hub exits by itself").isTrue();
      assertThat(hub.exitValue()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("hub.log"))).contains("Aborting due to 2 consecutive spawn failures");
    } finally {
      hub.destroyForcibly();
    }
  }

  private static int call(java.net.http.HttpClient http, String url, String method, String token) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .header("Authorization", "token " + token).timeout(Duration.ofSeconds(30))
        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void awaitUp(java.net.http.HttpClient http, String api, String token, Process hub) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && hub.isAlive()) {
      try {
        if (call(http, api + "/", "GET", token) == 200) return;
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("hub process did not come up");
  }
}
