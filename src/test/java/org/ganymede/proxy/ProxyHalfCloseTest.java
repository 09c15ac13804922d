package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After an upgrade, a FIN from one side reaches the other while the reverse direction still flows. */
class ProxyHalfCloseTest {

  @Test
  void theTargetCanStillAnswerAfterTheClientFinishedSending() throws Exception {
    QuietLogs.apply();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try (ServerSocket backend = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> backendSaw = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> serveOneUpgrade(backend, backendSaw));
      ProxyServer proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1).build());
      try (Socket client = new Socket("127.0.0.1", proxy.publicPort())) {
        proxy.routes().add("/tcp", "http://127.0.0.1:" + backend.getLocalPort(), Map.of()).toCompletableFuture().get();
        client.setSoTimeout(10_000);
        client.getOutputStream().write(("GET /tcp HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        String head = RawHttp.readHead(client.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 101");
        client.getOutputStream().write("ping".getBytes(StandardCharsets.ISO_8859_1));
        client.shutdownOutput();
        assertThat(backendSaw.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
        assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("pong after EOF");
      } finally {
        proxy.close();
      }
    } finally {
      vertx.close();
    }
  }

  /** Answers 101, reads until EOF, then writes a reply and closes: needs a half-closed tunnel. */
  private static void serveOneUpgrade(ServerSocket server, CompletableFuture<String> saw) {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(10_000);
      RawHttp.readHead(socket.getInputStream());
      socket.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      saw.complete(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write("pong after EOF".getBytes(StandardCharsets.ISO_8859_1));
    } catch (Exception e) {
      saw.completeExceptionally(e);
    }
  }
}
