package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;

/** The client's address: the direct peer, or the last X-Forwarded-For hop when the peer is our loopback proxy. */
final class Clients {
  private Clients() {}

  static String address(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null && (peer.equals("127.0.0.1") || peer.equals("0:0:0:0:0:0:0:1") || peer.equals("::1"))) {
      String[] hops = forwarded.split(",");
      return hops[hops.length - 1].strip();
    }
    return peer;
  }
}
