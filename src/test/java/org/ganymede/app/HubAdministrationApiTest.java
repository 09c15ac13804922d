package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /hub/api/proxy} and {@code /hub/api/shutdown} on a real hub: the routing table as
 * JupyterHub shows it, missing routes put back, the hub pointed at another proxy, and the hub
 * stopping itself with or without the users' servers (real {@code jupyterhub-singleuser}, simple
 * spawner).
 */
class HubAdministrationApiTest {
  @TempDir Path dir;
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  RunningHub startWithServers(String... more) {
    List<String> traits = new java.util.ArrayList<>(List.of("--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--Spawner.http_timeout=60", "--Spawner.start_timeout=60"));
    traits.addAll(List.of(more));
    return RunningHub.start(dir, traits.toArray(String[]::new));
  }

  String tokenFor(String user, String... scopes) {
    hub.hub.users().ensure(user);
    return hub.hub.tokens().issue("user", user, List.of(scopes.length == 0 ? new String[] {"inherit"} : scopes), "t",
        Optional.empty(), Optional.empty(), "jupyterhub").secret();
  }

  /** An API call straight to the hub, not through the proxy (whose routes a test may have removed). */
  RunningHub.Response direct(String method, String path, String body) {
    return hub.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.hubPort() + "/hub/api" + path))
        .header("Authorization", "token " + hub.adminToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  JsonNode startServerOf(String user) throws InterruptedException {
    hub.hub.users().ensure(user);
    var r = hub.admin("POST", "/users/" + user + "/server", null);
    assertThat(r.status()).as(r.body()).isIn(201, 202);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode server = hub.admin("GET", "/users/" + user, null).json().path("servers").path("");
      if (server.path("ready").asBoolean()) return server;
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("the server of " + user + " never became ready");
  }

  boolean answers(String url) {
    try {
      hub.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void awaitClosed() throws InterruptedException {
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        hub.hub.awaitClosed();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(waiter.join(Duration.ofSeconds(90))).as("the hub closed itself").isTrue();
  }

  @Test
  void theRoutingTableIsListedAsJupyterHubShowsItAndNeedsTheProxyScope() {
    hub = RunningHub.start(dir);
    var r = hub.admin("GET", "/proxy", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode root = r.json().get("/");
    assertThat(root.get("routespec").asString()).isEqualTo("/");
    assertThat(root.get("target").asString()).isEqualTo("http://127.0.0.1:" + hub.hub.hubPort());
    assertThat(root.get("data").get("hub").asBoolean()).isTrue();
    assertThat(root.get("data").has("last_activity")).isTrue();

    var paged = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/proxy?limit=1")))
        .header("Authorization", "token " + hub.adminToken)
        .header("Accept", "application/jupyterhub-pagination+json").build()).json();
    assertThat(paged.get("items").has("/")).isTrue();
    assertThat(paged.get("_pagination").get("total").asInt()).isEqualTo(1);

    String user = tokenFor("px-user");
    assertThat(hub.api("GET", "/proxy", user, null).status()).isEqualTo(403);
    assertThat(hub.api("POST", "/proxy", user, null).status()).isEqualTo(403);
    assertThat(hub.api("PATCH", "/proxy", user, "{\"auth_token\": \"x\"}").status()).isEqualTo(403);
    String proxyOnly = hub.hub.tokens().issue("user", "admin", List.of("proxy"), "proxy only", Optional.empty(),
        Optional.empty(), "jupyterhub").secret();
    assertThat(hub.api("GET", "/proxy", proxyOnly, null).status()).as("the proxy scope alone").isEqualTo(200);
  }

  @Test
  void postingToTheProxyPutsBackTheHubRouteAndDropsStaleUserRoutes() throws Exception {
    hub = RunningHub.start(dir);
    var store = hub.hub.proxy().routes();
    store.delete("/").toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.add("/user/ghost/", "http://127.0.0.1:9", Map.of("user", "ghost", "server_name", ""))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(hub.admin("GET", "/", null).status()).as("no hub route, no API through the proxy").isEqualTo(404);

    var sync = direct("POST", "/proxy", null);
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    var routes = hub.admin("GET", "/proxy", null).json();
    assertThat(routes.has("/")).isTrue();
    assertThat(routes.has("/user/ghost/")).isFalse();
  }

  @Test
  void patchingTheProxyOfAHubWithABuiltInProxyIsRefusedWithTheReason() {
    hub = RunningHub.start(dir);
    var r = hub.admin("PATCH", "/proxy", "{\"api_url\": \"http://127.0.0.1:8001\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asString()).contains("built into this hub");
    assertThat(hub.admin("PATCH", "/proxy", null).json().get("message").asString()).isEqualTo("need JSON body");
  }

  @Test
  void patchingTheProxyPointsTheHubAtANewProxyAndGivesItEveryRoute() throws Exception {
    Vertx proxies = Vertx.vertx();
    String token = "first-proxy-token-0123456789abcdef";
    int publicPort = RunningHub.freePort();
    int firstApi = RunningHub.freePort();
    ProxyServer first = ProxyServer.start(proxies, ProxyOptions.builder().ip("127.0.0.1").port(publicPort)
        .apiIp("127.0.0.1").apiPort(firstApi).authToken(token).build());
    ProxyServer second = ProxyServer.start(proxies, ProxyOptions.builder().ip("127.0.0.1").port(RunningHub.freePort())
        .apiIp("127.0.0.1").apiPort(0).authToken("second-proxy-token-0123456789abcd").build());
    try {
      hub = RunningHub.start(dir, "--port=" + publicPort, "--JupyterHub.proxy_class=configurable-http-proxy",
          "--ConfigurableHTTPProxy.should_start=False", "--ConfigurableHTTPProxy.api_url=http://127.0.0.1:" + firstApi,
          "--ConfigurableHTTPProxy.auth_token=" + token);
      String secondApi = "http://127.0.0.1:" + second.apiPort();

      var wrongToken = hub.admin("PATCH", "/proxy", "{\"api_url\": \"" + secondApi + "\"}");
      assertThat(wrongToken.status()).as(wrongToken.body() + ": the first proxy's token does not open the second").isEqualTo(400);
      assertThat(wrongToken.json().get("message").asString()).contains(secondApi);

      var moved = hub.admin("PATCH", "/proxy",
          "{\"api_url\": \"" + secondApi + "\", \"auth_token\": \"second-proxy-token-0123456789abcd\"}");
      assertThat(moved.status()).as(moved.body()).isEqualTo(200);
      assertThat(second.routes().list().toCompletableFuture().get(10, TimeUnit.SECONDS)).containsKey("/");
      first.routes().delete("/").toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(direct("GET", "/proxy", null).json().has("/")).as("the table is now the second proxy's").isTrue();
      assertThat(direct("PATCH", "/proxy", "{\"api_url\": 8001}").status()).isEqualTo(400);
    } finally {
      if (hub != null) hub.close();
      hub = null;
      proxies.close().await();
    }
  }

  @Test
  void shutdownNeedsItsScopeAndRefusesFlagsThatAreNotBooleans() {
    hub = RunningHub.start(dir);
    var user = hub.api("POST", "/shutdown", tokenFor("sd-user"), null);
    assertThat(user.status()).isEqualTo(403);
    var bad = hub.admin("POST", "/shutdown", "{\"servers\": \"yes\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asString()).isEqualTo("servers must be true or false, got \"yes\"");
    assertThat(hub.admin("POST", "/shutdown", "{\"proxy\": 1}").status()).isEqualTo(400);
    assertThat(hub.admin("GET", "/", null).status()).as("still running").isEqualTo(200);
  }

  @Test
  void shutdownWithServersFalseLeavesThemRunningAndTheNextHubReadoptsThem() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    int port = RunningHub.freePort();
    hub = startWithServers("--port=" + port, "--JupyterHub.public_url=https://hub.example.org/");
    JsonNode server = startServerOf("sd-keep");
    assertThat(server.get("full_url").asString()).isEqualTo("https://hub.example.org/user/sd-keep/");
    assertThat(server.get("full_progress_url").asString())
        .isEqualTo("https://hub.example.org/hub/api/users/sd-keep/server/progress");

    String target = hub.admin("GET", "/proxy", null).json().get("/user/sd-keep/").get("target").asString();
    hub.hub.proxy().routes().delete("/user/sd-keep/").toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(hub.admin("POST", "/proxy", null).status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/proxy", null).json().get("/user/sd-keep/").get("target").asString())
        .as("the running server's route is back").isEqualTo(target);

    var r = hub.admin("POST", "/shutdown", "{\"servers\": false}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().get("message").asString()).isEqualTo("Shutting down Hub");
    awaitClosed();
    assertThat(answers(hub.url("/hub/api/"))).as("the hub and its built-in proxy are gone").isFalse();
    assertThat(answers(target + "/user/sd-keep/api")).as("the server is left running").isTrue();

    hub = startWithServers("--port=" + port);
    startedAgainOrReadopted("sd-keep");
    assertThat(hub.admin("DELETE", "/users/sd-keep/server", null).status()).isIn(202, 204);
  }

  void startedAgainOrReadopted(String user) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (hub.admin("GET", "/users/" + user, null).json().path("servers").path("").path("ready").asBoolean()) return;
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("the server of " + user + " was not re-adopted");
  }

  @Test
  void shutdownWithServersTrueStopsThemBeforeTheHubEnds() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = startWithServers();
    JsonNode server = startServerOf("sd-stop");
    assertThat(server.get("full_url").isNull()).as("no public_url, no full_url").isTrue();
    String target = hub.admin("GET", "/proxy", null).json().get("/user/sd-stop/").get("target").asString();

    var r = hub.admin("POST", "/shutdown", "{\"servers\": true, \"proxy\": true}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    awaitClosed();
    assertThat(answers(target + "/user/sd-stop/api")).as("the server was stopped").isFalse();
  }
}
