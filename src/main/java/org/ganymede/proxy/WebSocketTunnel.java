package org.ganymede.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.GenericFutureListener;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.Http1xClientConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * WebSocket (and any other HTTP/1.1 upgrade) forwarding: the handshake goes to the target with
 * the public request's headers; when the target answers 101, its connection leaves the pool for
 * good, the answer goes back to the client and the two connections become a byte tunnel of two
 * {@link ChannelRelay}s. Frames are not parsed. A non-101 answer is relayed as an ordinary
 * response.
 *
 * <p>Memory: once switched, Vert.x's handlers leave both pipelines, so Vert.x's per-connection
 * state (connections, request, response, headers, message queues) becomes garbage; an idle
 * tunnel is two Netty channels and two relays.
 *
 * <p>No byte is lost in the switch: the target's side gets its relay while Vert.x is still
 * handing it the 101 (before Vert.x removes the HTTP decoder, which passes on any bytes read
 * together with the 101), and the relay holds what it reads until the public side is switched.
 */
final class WebSocketTunnel {
  /** The name Vert.x gives its connection handler in every pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private final Forwarder forwarder;
  private final HttpClient upgrades;
  private final StatusCounters counters;
  private final IdleConnections idle;

  WebSocketTunnel(Forwarder forwarder, HttpClient upgrades, StatusCounters counters, IdleConnections idle) {
    this.forwarder = forwarder;
    this.upgrades = upgrades;
    this.counters = counters;
    this.idle = idle;
  }

  void open(HttpServerRequest request, LiveRoute route, String uri) {
    request.pause();
    upgrades.request(forwarder.requestOptions(request, route, uri)).onComplete(ar -> {
      if (ar.failed()) {
        forwarder.errors().send(request, 503, "websocket target " + route.target.url() + ": " + ar.cause().getMessage());
        return;
      }
      HttpClientRequest outgoing = ar.result();
      forwarder.copyRequestHeaders(request, outgoing, true);
      outgoing.putHeader("connection", "Upgrade");
      outgoing.putHeader("upgrade", request.getHeader("upgrade"));
      outgoing.connect().onComplete(connected -> {
        if (connected.failed() || connected.result().statusCode() != 101) {
          forwarder.relay(request, route, outgoing, connected);
          return;
        }
        switchProtocols(request, route, connected.result());
      });
    });
  }

  /**
   * Runs while Vert.x delivers the target's 101 (its HTTP decoder still in the pipeline), so the
   * target's relay goes in before any byte that followed the 101 is passed on.
   */
  private void switchProtocols(HttpServerRequest request, LiveRoute route, HttpClientResponse answer) {
    if (!(answer.request().connection() instanceof Http1xClientConnection target)
        || !(request.connection() instanceof ConnectionBase publicConnection)) {
      throw new ProxyException("an upgraded connection is not a Vert.x HTTP/1.1 connection: "
          + answer.request().connection().getClass().getName());
    }
    Channel backendChannel = target.channel();
    Channel clientChannel = publicConnection.channel();
    ChannelRelay backend = ChannelRelay.installBefore(backendChannel, VERTX_HANDLER, route,
        ChannelRelay.canHalfClose(backendChannel, clientChannel));
    // Takes the connection out of its pool for good (its plain-socket handler goes at the join).
    ConnectionBase backendSocket = (ConnectionBase) target.toNetSocket();
    HttpServerResponse response = request.response();
    response.setStatusCode(101);
    response.headers().addAll(answer.headers());
    idle.upgraded(request.connection());
    counters.count(101);
    counters.webSockets++;
    route.touch();
    // Writes the 101 and swaps the HTTP codec for a plain-socket handler, which is then replaced.
    request.toNetSocket().onComplete(ar -> {
      if (ar.failed()) {
        backend.abandon();
        return;
      }
      ChannelRelay.join(backend, VERTX_HANDLER, clientChannel, VERTX_HANDLER);
      forget(target, backendSocket, publicConnection, (ConnectionBase) ar.result());
    });
  }

  /**
   * Every Vert.x connection listens for its channel's close with a promise that holds its
   * context; once the relays own the channels nothing waits on those promises. (The channel's
   * first, pre-HTTP connection object keeps one such promise: Vert.x does not expose it.)
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void forget(ConnectionBase... connections) {
    for (ConnectionBase connection : connections) {
      if (connection.closeFuture() instanceof GenericFutureListener listener) {
        connection.channel().closeFuture().removeListener(listener);
      }
    }
  }
}
