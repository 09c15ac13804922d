package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.Json;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A hub killed with SIGKILL while a real server is starting comes back consistent. */
@Tag("root")
@Tag("jupyterhub")
class HubKilledMidSpawnTest {
  private static final String ADMIN_TOKEN = "0123456789abcdef0123456789abcdef";

  @Test
  void killedMidSpawnTheHubRestartsWithNoOrphanProcessAndNoDanglingRoute() throws Exception {
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root: creates Unix users");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    Path dir = Files.createTempDirectory("ganymede-crash");
    int port = RunningHub.freePort();
    int hubPort = RunningHub.freePort();
    List<String> traits = List.of("--ip=127.0.0.1", "--port=" + port, "--JupyterHub.hub_port=" + hubPort,
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
        "--JupyterHub.authenticator_class=dummy", "--Authenticator.admin_users={'admin'}",
        "--JupyterHub.api_tokens={'" + ADMIN_TOKEN + "': 'admin'}", "--Spawner.http_timeout=90");
    HttpClient http = HttpClient.newHttpClient();
    try (ThrowAwayUnixUser user = ThrowAwayUnixUser.create()) {
      Process hubProcess = startHubProcess(dir, traits);
      try {
        String api = "http://127.0.0.1:" + port + "/hub/api";
        awaitUp(http, api);
        assertThat(http.send(request(api + "/users/" + user.name, "POST"), HttpResponse.BodyHandlers.discarding())
            .statusCode()).isEqualTo(201);
        http.sendAsync(request(api + "/users/" + user.name + "/server", "POST"), HttpResponse.BodyHandlers.discarding());
        long pid = awaitSpawnedPid(http, api, user.name);
        hubProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.exists(Path.of("/proc/" + pid))).as("the server outlives the killed hub").isTrue();

        try (RunningHub hub = RunningHub.start(dir, traits.toArray(String[]::new))) {
          JsonNode server = awaitSettled(hub, user.name);
          if (server.path("ready").asBoolean(false)) {
            var direct = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/user/" + user.name + "/api"))).build());
            assertThat(direct.status()).as("re-adopted server is routed").isEqualTo(200);
            assertThat(direct.body()).contains("version");
            assertThat(serverPids(user.name)).containsExactly(pid);
          } else {
            assertThat(serverPids(user.name)).as("no orphan process").isEmpty();
            assertThat(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/user/" + user.name + "/api"))).build())
                .status()).as("no dangling route: the hub answers, not a dead server").isIn(302, 424);
          }
          hub.admin("DELETE", "/users/" + user.name + "/server", null);
          assertThat(serverPids(user.name)).isEmpty();
        }
      } finally {
        hubProcess.destroyForcibly();
        new ProcessBuilder("pkill", "-KILL", "-u", user.name).start().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Process startHubProcess(Path dir, List<String> traits) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "org.ganymede.app.Main"));
    command.addAll(traits);
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("hub-process.log").toFile()).start();
  }

  private static HttpRequest request(String url, String method) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "token " + ADMIN_TOKEN)
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build();
  }

  private static void awaitUp(HttpClient http, String api) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(request(api + "/", "GET"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("hub process did not come up");
  }

  /** Waits until the server's process exists (state saved) while the spawn is still pending. */
  private static long awaitSpawnedPid(HttpClient http, String api, String user) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      var r = http.send(request(api + "/users/" + user, "GET"), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        JsonNode server = Json.MAPPER.readTree(r.body()).path("servers").path("");
        long pid = server.path("state").path("pid").asLong(0);
        if (pid > 0) {
          assertThat(server.path("pending").asString("")).as("killed while the spawn is pending").isEqualTo("spawn");
          return pid;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("server process never appeared");
  }

  private static JsonNode awaitSettled(RunningHub hub, String user) throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      JsonNode model = hub.admin("GET", "/users/" + user, null).json();
      JsonNode server = model.path("servers").path("");
      if (server.isMissingNode() || server.path("ready").asBoolean(false)) return server;
      Thread.sleep(200);
    }
    throw new AssertionError("server of " + user + " never settled after the restart");
  }

  /** Pids of the user's jupyterhub-singleuser processes. */
  private static List<Long> serverPids(String user) throws Exception {
    Process p = new ProcessBuilder("pgrep", "-u", user, "-f", "jupyterhub-singleuser").start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(10, TimeUnit.SECONDS);
    return out.isEmpty() ? List.of() : out.lines().map(Long::parseLong).toList();
  }
}
