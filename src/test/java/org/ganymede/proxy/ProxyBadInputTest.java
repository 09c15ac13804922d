package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed and ambiguous requests are refused and never reach the target. */
class ProxyBadInputTest {
  static Vertx vertx;
  static EchoBackend backend;
  static ProxyServer proxy;

  @BeforeAll
  static void start() throws Exception {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    backend = EchoBackend.start(vertx);
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1).build());
    proxy.routes().add("/", backend.url(), Map.of()).toCompletableFuture().get();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.close();
    vertx.close();
  }

  @Test
  void aMalformedRequestLineGets400() throws Exception {
    String answer = RawHttp.exchange(proxy.publicPort(), "THIS IS NOT HTTP\r\n\r\n");
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*");
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    String big = "x".repeat(20_000);
    assertThat(RawHttp.exchange(proxy.publicPort(), "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + big + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello",
      "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      "GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: h\r\nX-Bad : space before colon\r\n\r\n",
  })
  void smugglingShapesAreRefusedAndNeverForwarded(String request) throws Exception {
    int before = EchoBackend.REQUESTS.get();
    String answer = RawHttp.exchange(proxy.publicPort(), request);
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*");
    assertThat(EchoBackend.REQUESTS.get()).isEqualTo(before);
  }

  @Test
  void aWellFormedRequestStillPasses() throws Exception {
    assertThat(RawHttp.exchange(proxy.publicPort(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"))
        .startsWith("HTTP/1.1 200").contains("\"body\":\"hello\"");
  }
}
