package org.ganymede.proxy;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes public connections that sit idle between requests longer than the keep-alive timeout,
 * including clients that connect and never finish a request.
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

  IdleConnections(long keepAliveMillis) {
    this.keepAliveMillis = keepAliveMillis;
  }

  void opened(HttpConnection connection) {
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
