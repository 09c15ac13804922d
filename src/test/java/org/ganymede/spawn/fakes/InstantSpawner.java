package org.ganymede.spawn.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ganymede.spawn.StopTimeouts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;

/**
 * Starts at once a real in-process HTTP server on 127.0.0.1 that answers like a single-user server:
 * {@code GET <prefix>} → 302 to {@code <prefix>tree}, {@code <prefix>api} → 200 JSON, anything else
 * under the prefix → 200 text naming the user.
 */
public final class InstantSpawner implements Spawner {
  private final FakeServers servers = new FakeServers();
  private final AtomicInteger starts = new AtomicInteger();

  @Override
  public StartedServer start(SpawnRequest request) {
    starts.incrementAndGet();
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String prefix = request.servicePrefix();
    http.createContext(prefix, exchange -> answer(exchange, prefix, request.user().value()));
    http.start();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    SavedState state = servers.register(exit, () -> http.stop(0));
    URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    return new StartedServer(url, state, exit);
  }

  private static void answer(HttpExchange exchange, String prefix, String user) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.equals(prefix)) {
        exchange.getResponseHeaders().set("Location", prefix + "tree");
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      boolean api = path.equals(prefix + "api");
      byte[] body = (api ? "{\"version\": \"fake\"}" : "fake server of " + user).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", api ? "application/json" : "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return servers.poll(state);
  }

  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {
    servers.stop(state, timeouts);
  }

  /** Makes the server die on its own with {@code status}, as a crashing process would. */
  public void crash(SavedState state, int status) {
    servers.end(state, status);
  }

  public int startCount() {
    return starts.get();
  }

  public int aliveCount() {
    return servers.aliveCount();
  }
}
