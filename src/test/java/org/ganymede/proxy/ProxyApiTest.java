package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer of the configurable-http-proxy REST API, plus metrics and the REST client. */
class ProxyApiTest {
  static final String TOKEN = "secret-token";
  static Vertx vertx;
  static ProxyServer proxy;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1)
        .authToken(TOKEN).metricsIp("127.0.0.1").metricsPort(0).build());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    vertx.close();
  }

  @BeforeEach
  void emptyTable() throws Exception {
    for (String spec : proxy.routes().list().toCompletableFuture().get().keySet()) {
      proxy.routes().delete(spec).toCompletableFuture().get();
    }
  }

  static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.apiPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "token " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postGetAndDeleteARouteWithATrailingSlash() throws Exception {
    HttpResponse<String> created = call("POST", "/api/routes/user/alice/", "{\"target\":\"http://127.0.0.1:9999\",\"user\":\"alice\",\"jupyterhub\":true}", TOKEN);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEmpty();
    HttpResponse<String> one = call("GET", "/api/routes/user/alice", null, TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject route = new JsonObject(one.body());
    assertThat(route.getString("target")).isEqualTo("http://127.0.0.1:9999");
    assertThat(route.getString("user")).isEqualTo("alice");
    assertThat(route.getBoolean("jupyterhub")).isTrue();
    assertThat(route.getString("last_activity")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    JsonObject all = new JsonObject(call("GET", "/api/routes", null, TOKEN).body());
    assertThat(all.fieldNames()).containsExactly("/user/alice");
    assertThat(call("DELETE", "/api/routes/user/alice/", null, TOKEN).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "/api/routes/user/alice", null, TOKEN).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/routes/user/alice", null, TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void routespecsAreUrlDecoded() throws Exception {
    assertThat(call("POST", "/api/routes/user/al%20ice", "{\"target\":\"http://127.0.0.1:9999\"}", TOKEN).statusCode()).isEqualTo(201);
    assertThat(proxy.routes().list().toCompletableFuture().get()).containsKey("/user/al ice");
  }

  @Test
  void postingToTheRootAddsTheDefaultRoute() throws Exception {
    assertThat(call("POST", "/api/routes", "{\"target\":\"http://127.0.0.1:9999\"}", TOKEN).statusCode()).isEqualTo(201);
    assertThat(proxy.routes().list().toCompletableFuture().get()).containsKey("/");
  }

  @Test
  void badRequestsGet400() throws Exception {
    HttpResponse<String> noTarget = call("POST", "/api/routes/x", "{\"nottarget\":1}", TOKEN);
    assertThat(noTarget.statusCode()).isEqualTo(400);
    assertThat(noTarget.body()).isEqualTo("Must specify 'target' as string");
    assertThat(call("POST", "/api/routes/x", "{\"target\":5}", TOKEN).statusCode()).isEqualTo(400);
    assertThat(call("POST", "/api/routes/x", "not json", TOKEN).body()).startsWith("Body not valid JSON");
    assertThat(call("POST", "/api/routes/x", "", TOKEN).statusCode()).isEqualTo(400);
    assertThat(call("POST", "/api/routes/x", "{\"target\":\"ftp://h\"}", TOKEN).statusCode()).isEqualTo(400);
    HttpResponse<String> badDate = call("GET", "/api/routes?inactive_since=yesterday", null, TOKEN);
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).isEqualTo("Invalid datestamp 'yesterday' must be ISO8601.");
  }

  @Test
  void oversizedRouteDataIsRefusedBeforeItIsRead() throws Exception {
    String big = "{\"target\":\"http://h:1\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}";
    assertThat(call("POST", "/api/routes/x", big, TOKEN).statusCode()).isEqualTo(413);
  }

  @Test
  void wrongOrMissingTokensGet403WithAnEmptyBody() throws Exception {
    for (String token : new String[] {null, "wrong", TOKEN + "x", ""}) {
      HttpResponse<String> response = call("GET", "/api/routes", null, token);
      assertThat(response.statusCode()).as("token %s", token).isEqualTo(403);
      assertThat(response.body()).isEmpty();
    }
    assertThat(call("POST", "/api/routes/x", "{\"target\":\"http://h:1\"}", "wrong").statusCode()).isEqualTo(403);
    assertThat(call("DELETE", "/api/routes/x", null, "wrong").statusCode()).isEqualTo(403);
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    assertThat(call("GET", "/api/other", null, TOKEN).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/", null, TOKEN).statusCode()).isEqualTo(404);
    HttpResponse<String> put = call("PUT", "/api/routes/x", "{}", TOKEN);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.body()).isEqualTo("Method not supported");
  }

  @Test
  void inactiveSinceListsOnlyRoutesIdleSinceThen() throws Exception {
    proxy.routes().add("/idle", "http://127.0.0.1:9999", Map.of()).toCompletableFuture().get();
    proxy.routes().add("/busy", "http://127.0.0.1:9999", Map.of()).toCompletableFuture().get();
    ((RouteTable) proxy.routes()).get("/idle").orElseThrow().restoreActivity(1_000_000);
    JsonObject idle = new JsonObject(call("GET", "/api/routes?inactive_since=2000-01-01T00:00:00Z", null, TOKEN).body());
    assertThat(idle.fieldNames()).containsExactly("/idle");
    JsonObject camel = new JsonObject(call("GET", "/api/routes?inactiveSince=2000-01-01", null, TOKEN).body());
    assertThat(camel.fieldNames()).containsExactly("/idle");
  }

  @Test
  void metricsCountResponsesAndRoutes() throws Exception {
    proxy.routes().add("/m", "http://127.0.0.1:9999", Map.of()).toCompletableFuture().get();
    call("GET", "/api/routes", null, TOKEN);
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + proxy.metricsPort().orElseThrow() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("ganymede_proxy_routes 1").contains("ganymede_proxy_api_requests_total{code=\"200\"}");
  }

  @Test
  void theRestClientDrivesTheApi() throws Exception {
    try (RestRouteStore store = RestRouteStore.create(vertx, URI.create("http://127.0.0.1:" + proxy.apiPort()), TOKEN)) {
      store.add("/user/bob/", "http://127.0.0.1:9999", Map.of("user", "bob", "jupyterhub", true)).toCompletableFuture().get();
      Map<String, ProxyRoute> routes = store.list().toCompletableFuture().get();
      ProxyRoute bob = routes.get("/user/bob");
      assertThat(bob.target()).isEqualTo("http://127.0.0.1:9999");
      assertThat(bob.data()).containsEntry("user", "bob").containsEntry("jupyterhub", true);
      assertThat(bob.lastActivity()).isPresent();
      store.delete("/user/bob/").toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      store.delete("/user/bob/").toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(store.list().toCompletableFuture().get()).isEmpty();
    }
    try (RestRouteStore wrong = RestRouteStore.create(vertx, URI.create("http://127.0.0.1:" + proxy.apiPort()), "wrong")) {
      assertThat(wrong.list().toCompletableFuture().handle((r, e) -> e).get()).hasMessageContaining("403");
    }
  }
}
