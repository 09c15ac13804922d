package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The built-in culler with real {@code jupyterhub-singleuser} servers (simple spawner): a server
 * whose kernel runs code every few seconds survives, an idle one is stopped after the timeout.
 * The busy server's kernel traffic passes the proxy, and the server reports its kernel's activity
 * itself every 2 s ({@code JUPYTERHUB_ACTIVITY_INTERVAL}); both move its last_activity. And the
 * REST API that the external jupyterhub-idle-culler drives, with a token of only its scopes.
 */
class IdleCullerEndToEndTest {
  static final int TIMEOUT_SECONDS = 15;

  @TempDir Path dir;
  RunningHub hub;
  /** Unique per run: other test classes may run hubs at the same time. */
  final String busy = "cullbusy" + ThrowAwayAccount.randomHex();
  final String idle = "cullidle" + ThrowAwayAccount.randomHex();

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.admin("DELETE", "/users/" + busy + "/server", null);
      hub.admin("DELETE", "/users/" + idle + "/server", null);
      hub.close();
    }
  }

  @Test
  void aServerWithABusyKernelSurvivesWhileAnIdleOneIsCulledAfterTheTimeout() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--JupyterHub.last_activity_interval=1", "--Spawner.http_timeout=60", "--Spawner.start_timeout=60",
        "--Spawner.environment={'JUPYTERHUB_ACTIVITY_INTERVAL': '2'}",
        "--IdleCuller.enabled=True", "--IdleCuller.timeout=" + TIMEOUT_SECONDS, "--IdleCuller.cull_every=1");

    Browser b = new Browser(hub.url(""));
    assertThat(b.login(busy, "pw").statusCode()).isEqualTo(302);
    assertThat(hub.admin("POST", "/users/" + busy + "/server", null).status()).isIn(201, 202);
    assertThat(hub.admin("POST", "/users/" + idle, null).status()).isEqualTo(201);
    assertThat(hub.admin("POST", "/users/" + idle + "/server", null).status()).isIn(201, 202);
    awaitReady(busy);
    awaitReady(idle);

    HttpResponse<String> tree = b.follow("/user/" + busy + "/tree");
    assertThat(tree.statusCode()).isEqualTo(200);
    String xsrf = b.cookie("_xsrf", "/").orElseThrow();
    HttpResponse<String> kernel = b.postJson("/user/" + busy + "/api/kernels", "{}", xsrf);
    assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
    String kernelId = org.ganymede.http.Json.MAPPER.readTree(kernel.body()).get("id").asString();

    // Run code every 3 s until the idle server is culled, and a while past its timeout after that.
    Instant deadline = Instant.now().plusSeconds(TIMEOUT_SECONDS * 4L);
    Instant idleCulledAt = null;
    int runs = 0;
    while (idleCulledAt == null || Instant.now().isBefore(idleCulledAt.plusSeconds(TIMEOUT_SECONDS / 2))) {
      assertThat(Instant.now()).as("the idle server was never culled").isBefore(deadline);
      String out = KernelClient.execute(b, "/user/" + busy + "/", kernelId, "print(" + runs + " * 2)");
      assertThat(out).isEqualTo(Integer.toString(runs * 2));
      runs++;
      assertThat(ready(busy)).as("the busy server after %d runs", runs).isTrue();
      if (idleCulledAt == null && server(idle).isMissingNode()) idleCulledAt = Instant.now();
      TimeUnit.SECONDS.sleep(3); // the kernel's pace: "a kernel executing every few seconds"
    }
    assertThat(ready(busy)).isTrue();
    assertThat(hub.admin("GET", "/users/" + idle, null).status()).as("the user stays without cull_users")
        .isEqualTo(200);
  }

  @Test
  void theExternalCullersCallsWorkWithATokenOfOnlyItsScopes() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--Spawner.http_timeout=60", "--Spawner.start_timeout=60");
    for (String user : new String[] {busy, idle}) {
      assertThat(hub.admin("POST", "/users/" + user, null).status()).isEqualTo(201);
      assertThat(hub.admin("POST", "/users/" + user + "/server", null).status()).isIn(201, 202);
    }
    assertThat(hub.admin("POST", "/users/stopped" + busy, null).status()).isEqualTo(201);
    awaitReady(busy);
    awaitReady(idle);
    // The scopes z2jh and TLJH give the culler's service (without cull_users).
    RunningHub.Response issued = hub.admin("POST", "/users/admin/tokens",
        "{\"scopes\": [\"list:users\", \"read:users:activity\", \"read:servers\", \"delete:servers\"]}");
    assertThat(issued.status()).isEqualTo(201);
    String culler = issued.json().get("token").asText();

    // As the culler: GET /users?state=ready page by page, following _pagination.next.
    java.util.List<String> seen = new java.util.ArrayList<>();
    String next = hub.url("/hub/api/users?state=ready&limit=1");
    while (next != null) {
      RunningHub.Response page = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(next))
          .header("Authorization", "token " + culler).header("Accept", "application/jupyterhub-pagination+json")
          .build());
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      for (JsonNode user : page.json().get("items")) {
        seen.add(user.get("name").asString());
        JsonNode server = user.path("servers").path("");
        assertThat(server.path("ready").asBoolean()).isTrue();
        assertThat(server.path("pending").isNull()).isTrue();
        assertThat(server.path("started").asString()).isNotEmpty();
        assertThat(server.path("last_activity").asString()).isNotEmpty();
      }
      JsonNode nextInfo = page.json().get("_pagination").get("next");
      next = nextInfo.isNull() ? null : nextInfo.get("url").asString();
    }
    assertThat(seen).containsExactlyInAnyOrder(busy, idle);

    assertThat(hub.api("POST", "/users/" + idle + "/server", culler, null).status())
        .as("starting is not among the culler's scopes").isEqualTo(403);
    assertThat(hub.api("DELETE", "/users/" + idle + "/server", culler, null).status()).isIn(202, 204);
    Instant deadline = Instant.now().plusSeconds(30);
    while (!server(idle).isMissingNode()) {
      assertThat(Instant.now()).as("the culled server stops").isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(ready(busy)).isTrue();
  }

  private JsonNode server(String user) {
    return hub.admin("GET", "/users/" + user, null).json().path("servers").path("");
  }

  private boolean ready(String user) {
    return server(user).path("ready").asBoolean();
  }

  private void awaitReady(String user) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!ready(user)) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting for " + user + ": " + server(user));
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
