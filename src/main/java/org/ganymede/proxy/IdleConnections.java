package org.ganymede.proxy;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes public connections that sit idle between requests longer than the keep-alive timeout.
 * Before the first request Vert.x does not report the connection, so the server's own idle
 * timeout (the header timeout unless {@code --timeout} is given) closes clients that connect and
 * then go silent; it is removed when the first request arrives.
 *
 * <p>Confined to one event loop. A sweep once a second replaces a timer per request; upgraded
 * (WebSocket) connections leave the table because their idleness is the application's business.
 */
final class IdleConnections {
  private static final class State {
    int inFlight;
    long idleSince;
  }

  private final Map<HttpConnection, State> states = new HashMap<>();
  private final long keepAliveMillis;

  private final boolean dropNettyIdleHandler;

  /**
   * @param dropNettyIdleHandler whether the server's idle timeout only covers the wait for the
   *     first request (true without {@code --timeout}), so it must be removed once one arrives
   */
  IdleConnections(long keepAliveMillis, boolean dropNettyIdleHandler) {
    this.keepAliveMillis = keepAliveMillis;
    this.dropNettyIdleHandler = dropNettyIdleHandler;
  }

  void opened(HttpConnection connection) {
    if (dropNettyIdleHandler && connection instanceof ConnectionBase base
        && base.channel().pipeline().get("idle") != null) {
      // The channel's own idle timer only guards the wait for the first request.
      base.channel().pipeline().remove("idle");
    }
    State state = new State();
    state.idleSince = System.currentTimeMillis();
    states.put(connection, state);
    connection.closeHandler(v -> states.remove(connection));
  }

  void started(HttpServerRequest request) {
    State state = states.get(request.connection());
    if (state != null) {
      state.inFlight++;
      request.response().endHandler(v -> {
        state.inFlight--;
        state.idleSince = System.currentTimeMillis();
      });
    }
  }

  void upgraded(HttpConnection connection) {
    states.remove(connection);
  }

  void sweep() {
    long now = System.currentTimeMillis();
    states.entrySet().removeIf(entry -> {
      State state = entry.getValue();
      if (state.inFlight <= 0 && now - state.idleSince > keepAliveMillis) {
        entry.getKey().close();
        return true;
      }
      return false;
    });
  }
}
