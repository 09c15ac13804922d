package org.ganymede.proxy;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;

/**
 * WebSocket (and any other HTTP/1.1 upgrade) forwarding: the handshake goes to the target with
 * the public request's headers; when the target answers 101, its answer goes back to the client
 * and the two connections become a byte tunnel. Frames are not parsed. Each direction is a
 * {@link Splice} with back-pressure; when one side finishes, the other is ended after its pending
 * writes are flushed. Traffic either way counts as route activity. A non-101 answer is relayed as
 * an ordinary response.
 */
final class WebSocketTunnel {
  private final Forwarder forwarder;
  private final StatusCounters counters;
  private final IdleConnections idle;

  WebSocketTunnel(Forwarder forwarder, StatusCounters counters, IdleConnections idle) {
    this.forwarder = forwarder;
    this.counters = counters;
    this.idle = idle;
  }

  void open(HttpServerRequest request, LiveRoute route, String uri) {
    request.pause();
    forwarder.upgrades().request(forwarder.requestOptions(request, route, uri)).onComplete(ar -> {
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

  private void switchProtocols(HttpServerRequest request, LiveRoute route, HttpClientResponse answer) {
    NetSocket backend = answer.netSocket();
    HttpServerResponse response = request.response();
    response.setStatusCode(101);
    response.headers().addAll(answer.headers());
    idle.upgraded(request.connection());
    counters.count(101);
    counters.webSockets++;
    route.touch();
    io.netty.channel.Channel clientChannel = Splice.channelOf(request.connection());
    io.netty.channel.Channel backendChannel = Splice.channelOf(answer.request().connection());
    request.toNetSocket().onComplete(ar -> {
      if (ar.failed()) {
        backend.close();
        return;
      }
      NetSocket client = ar.result();
      Splice.between(client, clientChannel, backend, backendChannel, route);
      Splice.between(backend, backendChannel, client, clientChannel, route);
    });
  }
}
