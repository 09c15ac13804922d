package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP through a real proxy to a real backend on loopback. */
class ProxyHttpTest {
  static Vertx vertx;
  static EchoBackend backend;
  static ProxyServer proxy;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    backend = EchoBackend.start(vertx);
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(2).build());
    proxy.routes().add("/user/alice/", backend.url(), Map.of("user", "alice")).toCompletableFuture().get();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.close();
    vertx.close();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsTheWholePathAndQueryWithForwardedHeaders() throws Exception {
    HttpResponse<String> response = get(proxy.publicPort(), "/user/alice/tree/a%20b?x=1&y=2");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-backend")).hasValue("echo");
    JsonObject seen = new JsonObject(response.body());
    assertThat(seen.getString("uri")).isEqualTo("/user/alice/tree/a%20b?x=1&y=2");
    JsonObject headers = seen.getJsonObject("headers");
    assertThat(headers.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(headers.getString("x-forwarded-proto")).isEqualTo("http");
    assertThat(headers.getString("x-forwarded-port")).isEqualTo(Integer.toString(proxy.publicPort()));
    assertThat(headers.getString("x-forwarded-host")).isEqualTo("127.0.0.1:" + proxy.publicPort());
    assertThat(headers.getString("host")).isEqualTo("127.0.0.1:" + proxy.publicPort());
  }

  /** Java's HttpClient asks for HTTP/2 by default (h2c upgrade): the host then travels as :authority. */
  @Test
  void forwardedHostIsSetForHttp2ClientsToo() throws Exception {
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> response = http2.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + proxy.publicPort() + "/user/alice/h2")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject headers = new JsonObject(response.body()).getJsonObject("headers");
    assertThat(headers.getString("x-forwarded-host")).isEqualTo("127.0.0.1:" + proxy.publicPort());
    assertThat(headers.getString("x-forwarded-port")).isEqualTo(Integer.toString(proxy.publicPort()));
  }

  @Test
  void removesHopByHopHeadersAndAppendsToForwardedFor() throws Exception {
    String answer = RawHttp.exchange(proxy.publicPort(),
        "GET /user/alice/x HTTP/1.1\r\nHost: example.org\r\nConnection: close, X-Secret\r\n"
            + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: basic x\r\n"
            + "X-Forwarded-For: 10.0.0.1\r\nX-Kept: yes\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
    JsonObject headers = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getJsonObject("headers");
    assertThat(headers.fieldNames()).doesNotContain("x-secret", "keep-alive", "te", "proxy-authorization");
    assertThat(headers.getString("x-kept")).isEqualTo("yes");
    assertThat(headers.getString("x-forwarded-for")).isEqualTo("10.0.0.1,127.0.0.1");
    assertThat(headers.getString("x-forwarded-host")).isEqualTo("example.org");
    assertThat(headers.getString("x-forwarded-port")).isEqualTo("80");
  }

  @Test
  void postsBodiesAndRelaysStatusCodes() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.publicPort() + "/user/alice/api"))
        .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(response.body()).getString("body")).isEqualTo("hello");
    assertThat(get(proxy.publicPort(), "/user/alice/?status=418").statusCode()).isEqualTo(418);
  }

  @Test
  void chunkedRequestBodiesStreamThrough() throws Exception {
    String answer = RawHttp.exchange(proxy.publicPort(),
        "POST /user/alice/x?echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200").contains("hello").contains(" world");
  }

  @Test
  void answers404WithoutARouteAnd503WhenTheTargetIsDown() throws Exception {
    assertThat(get(proxy.publicPort(), "/nowhere").statusCode()).isEqualTo(404);
    assertThat(get(proxy.publicPort(), "/nowhere").body()).isEqualTo("Not Found");
    proxy.routes().add("/down", "http://127.0.0.1:1", Map.of()).toCompletableFuture().get();
    HttpResponse<String> down = get(proxy.publicPort(), "/down/x");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).isEqualTo("Service Unavailable");
  }

  @Test
  void healthCheckAnswersOnThePublicPort() throws Exception {
    HttpResponse<String> response = get(proxy.publicPort(), "/_chp_healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("OK");
  }

  @Test
  void successfulRequestsCountAsActivityButErrorsDoNot() throws Exception {
    proxy.routes().add("/user/carol", backend.url(), Map.of()).toCompletableFuture().get();
    RouteTable table = (RouteTable) proxy.routes();
    LiveRoute carol = table.get("/user/carol").orElseThrow();
    carol.restoreActivity(0);
    assertThat(get(proxy.publicPort(), "/user/carol/?status=404").statusCode()).isEqualTo(404);
    assertThat(carol.lastActivityMillis()).isZero();
    assertThat(get(proxy.publicPort(), "/user/carol/ok").statusCode()).isEqualTo(200);
    assertThat(carol.lastActivityMillis()).isGreaterThan(System.currentTimeMillis() - 10_000);
  }

  @Test
  void withoutIncludePrefixTheTargetPathReplacesTheRoutePrefix() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
        .eventLoops(1).includePrefix(false).xForward(false).build()))) {
      p.proxy.routes().add("/user/bob/", backend.url() + "/base/", Map.of()).toCompletableFuture().get();
      JsonObject seen = new JsonObject(get(p.proxy.publicPort(), "/user/bob/lab/x?q=1").body());
      assertThat(seen.getString("uri")).isEqualTo("/base/lab/x?q=1");
      assertThat(seen.getJsonObject("headers").containsKey("x-forwarded-for")).isFalse();
      assertThat(new JsonObject(get(p.proxy.publicPort(), "/user/bob").body()).getString("uri")).isEqualTo("/base");
    }
  }

  @Test
  void withPrependPathTheTargetPathGoesInFront() throws Exception {
    proxy.routes().add("/prefixed", backend.url() + "/base", Map.of()).toCompletableFuture().get();
    assertThat(new JsonObject(get(proxy.publicPort(), "/prefixed/x").body()).getString("uri")).isEqualTo("/base/prefixed/x");
  }

  @Test
  void hostRoutingUsesTheHostAsFirstSegment() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
        .eventLoops(1).hostRouting(true).build()))) {
      p.proxy.routes().add("/alice.example.org/", backend.url(), Map.of()).toCompletableFuture().get();
      String answer = RawHttp.exchange(p.proxy.publicPort(), "GET /x HTTP/1.1\r\nHost: alice.example.org:8000\r\nConnection: close\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\"uri\":\"/x\"");
      assertThat(RawHttp.exchange(p.proxy.publicPort(), "GET /x HTTP/1.1\r\nHost: bob.example.org\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 404");
      assertThat(p.proxy.routes().list().toCompletableFuture().get().get("/alice.example.org").data())
          .containsEntry("host", "alice.example.org");
    }
  }

  @Test
  void errorPathServesCodeSpecificThenGenericPages(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("404.html"), "<p>no such page</p>");
    Files.writeString(dir.resolve("error.html"), "<p>generic</p>");
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
        .eventLoops(1).errorPath(dir).build()))) {
      p.proxy.routes().add("/down", "http://127.0.0.1:1", Map.of()).toCompletableFuture().get();
      HttpResponse<String> missing = get(p.proxy.publicPort(), "/x");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("<p>no such page</p>");
      assertThat(missing.headers().firstValue("content-type")).hasValue("text/html");
      HttpResponse<String> down = get(p.proxy.publicPort(), "/down");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("<p>generic</p>");
    }
  }

  @Test
  void errorTargetIsAskedForThePageWithTheEscapedUrl() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
        .eventLoops(1).errorTarget(backend.url() + "/hub/error").build()))) {
      HttpResponse<String> missing = get(p.proxy.publicPort(), "/user/zed/x?y=1");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(missing.body()).getString("uri")).isEqualTo("/hub/error/404?url=%2Fuser%2Fzed%2Fx%3Fy%3D1");
    }
  }

  @Test
  void idleConnectionsAreClosedAfterTheKeepAliveTimeout() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
            .eventLoops(1).keepAliveTimeout(Duration.ofMillis(300)).build()));
        var socket = new java.net.Socket("127.0.0.1", p.proxy.publicPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("GET /_chp_healthz HTTP/1.1\r\nHost: h\r\n\r\n".getBytes());
      long start = System.nanoTime();
      byte[] answer = new byte[1024];
      int n = 0;
      int read;
      while ((read = socket.getInputStream().read(answer, n, answer.length - n)) > 0) {
        n += read;
      }
      assertThat(new String(answer, 0, n)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"OK\"}");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
    }
  }

  @Test
  void aSlowTargetIsNotCutOffByTheKeepAliveTimeout() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
        .eventLoops(1).keepAliveTimeout(Duration.ofMillis(200)).build()))) {
      p.proxy.routes().add("/", backend.url(), Map.of()).toCompletableFuture().get();
      HttpResponse<String> late = get(p.proxy.publicPort(), "/slow?delay=1500");
      assertThat(late.statusCode()).isEqualTo(200);
      assertThat(late.body()).isEqualTo("late");
    }
  }

  @Test
  void clientsThatNeverFinishARequestAreDisconnected() throws Exception {
    try (var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
            .eventLoops(1).headerTimeout(Duration.ofMillis(300)).build()));
        var socket = new java.net.Socket("127.0.0.1", p.proxy.publicPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("GET /_chp_healthz HTTP/1.1\r\nHost: h\r\n".getBytes());
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void aTargetThatNeverAnswersGets503AfterTheProxyTimeout() throws Exception {
    try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        var p = new Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
            .eventLoops(1).proxyTimeout(Duration.ofMillis(300)).build()))) {
      p.proxy.routes().add("/silent", "http://127.0.0.1:" + silent.getLocalPort(), Map.of()).toCompletableFuture().get();
      long start = System.nanoTime();
      assertThat(get(p.proxy.publicPort(), "/silent/x").statusCode()).isEqualTo(503);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    }
  }

  /** Closes an extra proxy at the end of a test. */
  record Closing(ProxyServer proxy) implements AutoCloseable {
    @Override
    public void close() {
      proxy.close();
    }
  }
}
