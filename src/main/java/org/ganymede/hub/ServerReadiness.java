package org.ganymede.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits until a server answers HTTP (any status below 500 counts, as in JupyterHub), failing at
 * once when its process exits, and after {@code Spawner.http_timeout} otherwise.
 */
final class ServerReadiness {
  private static final long PROBE_EVERY_MS = 10;
  private final Duration httpTimeout;
  /** Built off the start-up path (the JDK's HttpClient takes ~40 ms to set up); joined at the first probe. */
  private final java.util.concurrent.CompletableFuture<HttpClient> http;

  /** @param tls the hub's identity and trusted CA when servers speak internal TLS */
  ServerReadiness(Duration httpTimeout, java.util.Optional<javax.net.ssl.SSLContext> tls) {
    this.httpTimeout = httpTimeout;
    this.http = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2));
      tls.ifPresent(builder::sslContext);
      return builder.build();
    }, Thread.ofPlatform().daemon().name("readiness-client")::start);
  }

  void waitUntilUp(URI probe, CompletionStage<Integer> exit, BooleanSupplier cancelled, String what,
      Supplier<List<String>> logTail) throws InterruptedException {
    Instant deadline = Instant.now().plus(httpTimeout);
    while (true) {
      if (cancelled.getAsBoolean()) return;
      var exited = exit.toCompletableFuture();
      if (exited.isDone()) {
        throw new ServerLifecycle.SpawnFailure(what + " exited with status " + exited.getNow(-1)
            + " before it answered HTTP" + lastLines(logTail.get()));
      }
      if (listening(probe) && answers(probe)) return;
      if (Instant.now().isAfter(deadline)) {
        throw new ServerLifecycle.SpawnFailure(what + " did not answer at " + probe + " within Spawner.http_timeout = "
            + httpTimeout.toSeconds() + "s" + lastLines(logTail.get()));
      }
      // A refused loopback connect costs microseconds; noticing readiness late costs every user the
      // difference, so probe every 10 ms (a server takes ~1.5 s, i.e. ~150 probes).
      Thread.sleep(PROBE_EVERY_MS);
    }
  }

  /** Whether the server answers HTTP with a status below 500. */
  private boolean answers(URI probe) throws InterruptedException {
    try {
      HttpResponse<Void> r = http.join().send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() < 500;
    } catch (IOException e) {
      return false;   // listening, but not answering yet
    }
  }

  /**
   * Whether anything accepts connections at the probe's address yet: a bare connect, refused in
   * microseconds, where a refused HTTP request through the JDK client costs ~0.1 ms of CPU. Twenty
   * servers starting at once are probed 2,000 times a second, on the cores they start on.
   */
  private static boolean listening(URI probe) {
    // Plain http only: a server speaking internal TLS would log every bare connect as a failed
    // handshake, so there the HTTP request decides alone.
    if (!"http".equals(probe.getScheme()) || probe.getHost() == null || probe.getPort() < 0) return true;
    try (SocketChannel channel = SocketChannel.open()) {
      channel.connect(new InetSocketAddress(probe.getHost(), probe.getPort()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String lastLines(List<String> lines) {
    return lines.isEmpty() ? "" : "; last lines of its log:\n" + String.join("\n", lines);
  }
}
