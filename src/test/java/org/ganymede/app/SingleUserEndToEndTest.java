package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole story with the real thing: Debian's {@code jupyterhub-singleuser} (notebook 6) spawned
 * as real Unix users by a hub running as root, reached through the proxy after the OAuth dance, a
 * kernel executing code over its WebSocket; then refusal, progress, hub restart, stop, failures.
 */
@Tag("root")
@Tag("jupyterhub")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleUserEndToEndTest {
  ThrowAwayUnixUser alice;
  ThrowAwayUnixUser bob;
  Path dir;
  int port;
  int hubPort;
  RunningHub hub;
  Browser aliceBrowser;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root: creates Unix users");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    alice = ThrowAwayUnixUser.create();
    bob = ThrowAwayUnixUser.create();
    dir = Files.createTempDirectory("ganymede-e2e");
    port = RunningHub.freePort();
    hubPort = RunningHub.freePort();
    hub = start();
    aliceBrowser = new Browser(hub.url(""));
  }

  RunningHub start(String... more) {
    List<String> traits = new ArrayList<>(List.of("--port=" + port, "--JupyterHub.hub_port=" + hubPort,
        "--Spawner.http_timeout=90", "--Spawner.start_timeout=60", "--Spawner.poll_interval=5",
        "--JupyterHub.cleanup_servers=False")); // order 4 closes the hub with alice's server running
    traits.addAll(List.of(more));
    return RunningHub.start(dir, traits.toArray(String[]::new));
  }

  @AfterAll
  void tearDown() throws Exception {
    if (hub != null) {
      for (ThrowAwayUnixUser u : new ThrowAwayUnixUser[] {alice, bob}) {
        if (u != null) hub.admin("DELETE", "/users/" + u.name + "/server", null);
      }
      hub.close();
    }
    for (ThrowAwayUnixUser u : new ThrowAwayUnixUser[] {alice, bob}) {
      if (u == null) continue;
      new ProcessBuilder("pkill", "-KILL", "-u", u.name).start().waitFor(10, TimeUnit.SECONDS);
      u.close();
    }
  }

  JsonNode serverModel(String user) {
    return hub.admin("GET", "/users/" + user, null).json().path("servers").path("");
  }

  void awaitReady(String user) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      JsonNode s = serverModel(user);
      if (s.path("ready").asBoolean(false)) return;
      Thread.sleep(200);
    }
    throw new AssertionError("server of " + user + " not ready: " + hub.admin("GET", "/users/" + user, null));
  }

  @Test
  @Order(1)
  void userLogsInStartsTheirServerAndRunsCodeAsThemself() throws Exception {
    Browser b = aliceBrowser;
    assertThat(b.login(alice.name, "pw").statusCode()).isEqualTo(302);
    HttpResponse<String> notRunning = b.follow("/user/" + alice.name + "/tree");
    assertThat(notRunning.statusCode()).isEqualTo(424);
    assertThat(notRunning.body()).contains("Launch server");

    HttpResponse<String> pending = b.follow("/hub/spawn/" + alice.name);
    assertThat(pending.statusCode()).isIn(200, 302);
    awaitReady(alice.name);

    HttpResponse<String> tree = b.follow("/user/" + alice.name + "/tree");
    assertThat(tree.statusCode()).as("visited %s", b.visited).isEqualTo(200);
    assertThat(b.visited).anyMatch(u -> u.contains("/hub/api/oauth2/authorize"));
    assertThat(b.visited).anyMatch(u -> u.contains("/oauth_callback?code="));

    // notebook 6 sets its own _xsrf cookie on path /, beside the hub's on /hub/.
    String xsrf = b.cookie("_xsrf", "/").orElseThrow();
    HttpResponse<String> kernel = b.postJson("/user/" + alice.name + "/api/kernels", "{}", xsrf);
    assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
    String kernelId = org.ganymede.http.Json.MAPPER.readTree(kernel.body()).get("id").asString();
    String uid = KernelClient.execute(b, "/user/" + alice.name + "/", kernelId, "import os; print(os.getuid())");
    assertThat(uid).isEqualTo(Integer.toString(alice.uid()));
  }

  @Test
  @Order(2)
  void anotherUserIsRefusedAccessToTheServer() throws Exception {
    Browser b = new Browser(hub.url(""));
    b.login(bob.name, "pw");
    HttpResponse<String> r = b.follow("/user/" + alice.name + "/tree");
    assertThat(r.statusCode()).as("visited %s", b.visited).isEqualTo(403);
  }

  @Test
  @Order(3)
  void progressStreamReportsReadyForARunningServer() throws Exception {
    HttpResponse<String> r = hub.http.send(HttpRequest.newBuilder(
            URI.create(hub.url("/hub/api/users/" + alice.name + "/server/progress")))
        .header("Authorization", "token " + hub.adminToken).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    String url = "/user/" + alice.name + "/";
    assertThat(r.body()).as("JupyterHub sends a ready server's end alone, after its keepalive").isEqualTo(
        "\n\ndata: {\"progress\":100,\"ready\":true,\"message\":\"Server ready at " + url + "\","
        + "\"html_message\":\"Server ready at <a href=\\\"" + url + "\\\">" + url + "</a>\",\"url\":\"" + url + "\"}\n\n");
  }

  @Test
  @Order(4)
  void serverKeepsRunningAcrossAHubRestartAndIsReachableAgain() throws Exception {
    long pid = serverModel(alice.name).path("state").path("pid").asLong();
    assertThat(pid).isPositive();
    hub.close();
    assertThat(Files.exists(Path.of("/proc/" + pid))).as("server survives the hub").isTrue();
    hub = start();
    awaitReady(alice.name);
    HttpResponse<String> kernels = aliceBrowser.follow("/user/" + alice.name + "/api/kernels");
    assertThat(kernels.statusCode()).as("visited %s", aliceBrowser.visited).isEqualTo(200);
  }

  @Test
  @Order(5)
  void stopEndsTheProcessAndRemovesTheRoute() throws Exception {
    long pid = serverModel(alice.name).path("state").path("pid").asLong();
    var stop = hub.admin("DELETE", "/users/" + alice.name + "/server", null);
    assertThat(stop.status()).isIn(202, 204);
    Instant deadline = Instant.now().plusSeconds(30);
    while (Files.exists(Path.of("/proc/" + pid)) && Instant.now().isBefore(deadline)) Thread.sleep(100);
    assertThat(Files.exists(Path.of("/proc/" + pid))).isFalse();
    assertThat(aliceBrowser.follow("/user/" + alice.name + "/tree").statusCode()).isEqualTo(424);
    assertThat(hub.admin("GET", "/users/" + alice.name, null).json().path("servers").size()).isZero();
  }

  @Test
  @Order(6)
  void badStartRequestsGetClearErrors() {
    assertThat(hub.admin("POST", "/users/nobody-at-all/server", null).status()).isEqualTo(404);
    assertThat(hub.admin("POST", "/users/" + bob.name + "/servers/named", null).status()).isEqualTo(400);
    assertThat(hub.admin("POST", "/users/" + bob.name + "/servers/bad%20name", null).status()).isEqualTo(400);
  }

  @Test
  @Order(7)
  void aMissingCommandFailsAtOnceWithItsName() {
    hub.close();
    hub = start("--Spawner.cmd=['no-such-singleuser-command']");
    Instant before = Instant.now();
    var r = hub.admin("POST", "/users/" + bob.name + "/server", null);
    Duration took = Duration.between(before, Instant.now());
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().get("message").asString()).contains("no-such-singleuser-command");
    assertThat(took).as("fails without waiting for a timeout").isLessThan(Duration.ofSeconds(5));
    var again = hub.admin("GET", "/users/" + bob.name, null).json();
    assertThat(again.path("pending").isNull()).isTrue();
  }

  @Test
  @Order(8)
  void aServerThatExitsAtOnceReportsItsLogInsteadOfWaiting() {
    hub.close();
    hub = start("--Spawner.cmd=['/bin/sh', '-c', 'echo the-server-broke >&2; exit 3']");
    var r = hub.admin("POST", "/users/" + bob.name + "/server", null);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().get("message").asString()).contains("the-server-broke").contains("status 3");
  }
}
