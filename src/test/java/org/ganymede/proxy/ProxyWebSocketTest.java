package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSockets tunnelled through the proxy to a real echo backend. */
class ProxyWebSocketTest {
  static Vertx vertx;
  static EchoBackend backend;
  static ProxyServer proxy;
  static WebSocketClient client;

  @BeforeAll
  static void start() throws Exception {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    backend = EchoBackend.start(vertx);
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(2).build());
    proxy.routes().add("/user/alice/", backend.url(), Map.of()).toCompletableFuture().get();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(2000).setMaxMessageSize(8 << 20));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.close();
    vertx.close();
  }

  Future<WebSocket> connect(String uri) {
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(proxy.publicPort()).setURI(uri));
  }

  @Test
  void framesEchoThroughTheTunnelAndCountAsActivity() throws Exception {
    LiveRoute alice = ((RouteTable) proxy.routes()).get("/user/alice").orElseThrow();
    alice.restoreActivity(0);
    CompletableFuture<String> echoed = new CompletableFuture<>();
    connect("/user/alice/api/kernels/1/channels").onFailure(echoed::completeExceptionally).onSuccess(ws -> {
      ws.textMessageHandler(echoed::complete);
      ws.writeTextMessage("hello through the proxy");
    });
    assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hello through the proxy");
    assertThat(alice.lastActivityMillis()).isGreaterThan(System.currentTimeMillis() - 10_000);
  }

  @Test
  void largeBinaryMessagesKeepTheirBytes() throws Exception {
    byte[] payload = new byte[3 * 1024 * 1024];
    new java.util.Random(7).nextBytes(payload);
    CompletableFuture<Buffer> echoed = new CompletableFuture<>();
    connect("/user/alice/big").onFailure(echoed::completeExceptionally).onSuccess(ws -> {
      ws.binaryMessageHandler(echoed::complete);
      ws.writeBinaryMessage(Buffer.buffer(payload));
    });
    byte[] back = echoed.get(20, TimeUnit.SECONDS).getBytes();
    assertThat(back.length).isEqualTo(payload.length);
    assertThat(java.util.Arrays.equals(back, payload)).as("echoed bytes equal").isTrue();
  }

  @Test
  void aWebSocketWithoutARouteIsRefusedWith404() throws Exception {
    try (var p = new ProxyHttpTest.Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1).build()))) {
      Throwable failure = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(p.proxy().publicPort()).setURI("/none"))
          .toCompletionStage().toCompletableFuture().handle((ws, e) -> e).get(10, TimeUnit.SECONDS);
      assertThat(failure).isNotNull().hasMessageContaining("404");
    }
  }

  @Test
  void closingTheClientClosesTheBackendSide() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocket ws = connect("/user/alice/close").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ws.closeHandler(v -> closed.complete(null));
    ws.close((short) 1000, "bye");
    closed.get(10, TimeUnit.SECONDS);
    assertThat(ws.closeStatusCode()).isEqualTo((short) 1000);
  }

  @Test
  void aThousandConcurrentWebSocketsAllEcho() throws Exception {
    int count = 1000;
    List<CompletableFuture<String>> echoes = new ArrayList<>();
    List<WebSocket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      CompletableFuture<String> echoed = new CompletableFuture<>();
      echoes.add(echoed);
      String message = "message " + i;
      connect("/user/alice/ws/" + i).onFailure(echoed::completeExceptionally).onSuccess(ws -> {
        sockets.add(ws);
        ws.textMessageHandler(echoed::complete);
        ws.writeTextMessage(message);
      });
    }
    CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    for (int i = 0; i < count; i++) {
      assertThat(echoes.get(i).get()).isEqualTo("message " + i);
    }
    for (WebSocket ws : sockets) {
      ws.close();
    }
  }
}
