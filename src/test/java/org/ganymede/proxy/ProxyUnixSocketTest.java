package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http+unix://<url-encoded socket path>} targets, with the native transport. */
class ProxyUnixSocketTest {
  @Test
  void forwardsToATargetOnAUnixSocket(@TempDir Path dir) throws Exception {
    QuietLogs.apply();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      Path socket = dir.resolve("server.sock");
      HttpServer backend = vertx.createHttpServer()
          .requestHandler(req -> req.response().end("unix:" + req.uri()))
          .listen(SocketAddress.domainSocketAddress(socket.toString()))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ProxyServer proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1).build());
      try {
        String target = "http+unix://" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
        proxy.routes().add("/user/unix/", target, Map.of()).toCompletableFuture().get();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.publicPort() + "/user/unix/lab")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("unix:/user/unix/lab");
      } finally {
        proxy.close();
        backend.close();
      }
    } finally {
      vertx.close();
    }
  }
}
