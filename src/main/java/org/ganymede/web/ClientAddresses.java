package org.ganymede.web;

import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The client's address as the hub sees it, for login throttling and logs: tornado's {@code xheaders}
 * with {@code trusted_downstream} ({@code JupyterHub.trusted_downstream_ips}).
 *
 * <p>The chain is the {@code X-Forwarded-For} hops followed by the direct peer. Walking from the
 * right, a hop is skipped only while it is trusted: the peer when it is our own proxy (loopback) or
 * listed, a forwarded hop only when listed. The first untrusted hop is the client. So a client that
 * sends its own {@code X-Forwarded-For} only adds hops to the left of the address our proxy saw,
 * which is never skipped unless listed. Unlike tornado, {@code X-Real-Ip} is not honoured (our
 * proxy passes it through untouched, so any client could set it), nor is {@code X-Forwarded-For}
 * from a peer that is not our proxy nor listed (a client that reaches the hub port directly).
 */
public final class ClientAddresses {
  private final Set<String> trusted = new HashSet<>();

  /**
   * @param trustedDownstreamIps {@code JupyterHub.trusted_downstream_ips}: IP addresses
   * @throws IllegalArgumentException naming the setting for an entry that is not an IP address
   */
  public ClientAddresses(List<String> trustedDownstreamIps) {
    for (String ip : trustedDownstreamIps) {
      String normal = normal(ip.strip());
      if (normal.isEmpty()) {
        throw new IllegalArgumentException("JupyterHub.trusted_downstream_ips: '" + ip + "' is not an IP address"
            + (ip.contains("/") ? " (list each proxy's address; ranges are not supported, as in JupyterHub)" : ""));
      }
      trusted.add(normal);
    }
  }

  String of(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress() == null ? "" : normal(ctx.request().remoteAddress().hostAddress());
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded == null || !(isLoopback(peer) || trusted.contains(peer))) return peer;
    String[] hops = forwarded.split(",");
    String client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = normal(hops[i].strip());
      if (hop.isEmpty()) return client;
      client = hop;
      if (!trusted.contains(hop)) return hop;
    }
    return client;
  }

  private static boolean isLoopback(String ip) {
    return ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1");
  }

  /** One spelling per address (so {@code ::1} and {@code 0:0:0:0:0:0:0:1} match); empty for anything else. */
  private static String normal(String ip) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
    if (bytes == null) return "";
    try {
      return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return "";
    }
  }
}
