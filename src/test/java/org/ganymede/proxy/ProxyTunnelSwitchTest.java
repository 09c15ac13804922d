package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The moment an upgrade switches to a byte tunnel: no byte is lost or reordered on either side,
 * and a tunnel whose reader stalls holds its writer back.
 */
class ProxyTunnelSwitchTest {
  private static final String SWITCHED = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n";

  static Vertx vertx;
  static ProxyServer proxy;

  @BeforeAll
  static void start() throws Exception {
    QuietLogs.apply();
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1).build());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    vertx.close();
  }

  @Test
  void bytesTheTargetSendsTogetherWithIts101ReachTheClient() throws Exception {
    try (FakeUpgradeTarget target = new FakeUpgradeTarget(socket -> {
          socket.getOutputStream().write((SWITCHED + "hello in the same segment").getBytes(StandardCharsets.ISO_8859_1));
          socket.getInputStream().read();
        });
        Socket client = upgrade(target, "/same-segment")) {
      assertThat(readExactly(client.getInputStream(), "hello in the same segment".length()))
          .isEqualTo("hello in the same segment");
    }
  }

  @Test
  void aTargetThatAnswersAndHangsUpAtOnceStillDeliversItsBytes() throws Exception {
    try (FakeUpgradeTarget target = new FakeUpgradeTarget(socket ->
            socket.getOutputStream().write((SWITCHED + "last words").getBytes(StandardCharsets.ISO_8859_1)));
        Socket client = upgrade(target, "/hang-up")) {
      assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("last words");
    }
  }

  @Test
  void bytesTheClientSendsTheMomentItSeesThe101ReachTheTargetInOrder() throws Exception {
    CompletableFuture<String> targetSaw = new CompletableFuture<>();
    try (FakeUpgradeTarget target = new FakeUpgradeTarget(socket -> {
          socket.getOutputStream().write(SWITCHED.getBytes(StandardCharsets.ISO_8859_1));
          targetSaw.complete(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        });
        Socket client = upgrade(target, "/eager-client")) {
      StringBuilder sent = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        String piece = "piece " + i + ";";
        sent.append(piece);
        client.getOutputStream().write(piece.getBytes(StandardCharsets.ISO_8859_1));
      }
      client.shutdownOutput();
      assertThat(targetSaw.get(10, TimeUnit.SECONDS)).isEqualTo(sent.toString());
    }
  }

  @Test
  void aStalledReaderHoldsTheTargetBackUntilItReadsAgain() throws Exception {
    long total = 256L << 20;
    AtomicLong written = new AtomicLong();
    try (FakeUpgradeTarget target = new FakeUpgradeTarget(socket -> {
          OutputStream out = socket.getOutputStream();
          out.write(SWITCHED.getBytes(StandardCharsets.ISO_8859_1));
          byte[] chunk = new byte[64 * 1024];
          while (written.get() < total) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
        });
        Socket client = upgrade(target, "/stalled")) {
      long stalledAt = awaitNoProgress(written);
      // Socket buffers on both hops plus the relay's high-water mark: far less than the stream.
      assertThat(stalledAt).isLessThan(64L << 20);
      long read = 0;
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = client.getInputStream().read(buffer)) >= 0) {
        read += n;
      }
      assertThat(read).isEqualTo(total);
    }
  }

  /** Waits until {@code counter} has not moved for half a second (at most 30 s) and returns it. */
  private static long awaitNoProgress(AtomicLong counter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = counter.get();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(500)) {
        return now;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the target never stopped writing (" + counter.get() + " bytes)");
  }

  private static Socket upgrade(FakeUpgradeTarget target, String path) throws Exception {
    proxy.routes().add(path, "http://127.0.0.1:" + target.port(), Map.of()).toCompletableFuture().get();
    Socket client = new Socket("127.0.0.1", proxy.publicPort());
    client.setSoTimeout(20_000);
    client.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(RawHttp.readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
    return client;
  }

  private static String readExactly(InputStream in, int length) throws IOException {
    return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  /** A target that reads one upgrade request, then runs a script on the raw socket. */
  private static final class FakeUpgradeTarget implements AutoCloseable {
    interface Script {
      void run(Socket socket) throws IOException;
    }

    private final ServerSocket server;

    FakeUpgradeTarget(Script script) throws IOException {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        try (Socket socket = server.accept()) {
          socket.setSoTimeout(20_000);
          RawHttp.readHead(socket.getInputStream());
          script.run(socket);
        } catch (IOException e) {
          // the test's own assertions report what went wrong
        }
      });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
