package org.ganymede.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Header copying between the two legs of a proxied exchange.
 *
 * <p>Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade} and {@code Proxy-*}. Each leg's own framing is
 * produced by its HTTP codec.
 */
final class Headers {
  private Headers() {}

  static boolean isHopByHop(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 7 -> name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("trailer");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      default -> name.length() > 6 && name.regionMatches(true, 0, "proxy-", 0, 6);
    };
  }

  /** Whether the {@code Connection} header value lists {@code name}. */
  private static boolean listedIn(String connection, String name) {
    if (connection == null) {
      return false;
    }
    int start = 0;
    while (start < connection.length()) {
      int comma = connection.indexOf(',', start);
      int end = comma < 0 ? connection.length() : comma;
      String token = connection.substring(start, end).trim();
      if (token.equalsIgnoreCase(name)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** Copies end-to-end headers; {@code Host} and {@code Expect} are handled by the caller. */
  static void copyEndToEnd(MultiMap from, MultiMap to, boolean skipHostAndExpect) {
    String connection = from.get("connection");
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (isHopByHop(name)
          || (skipHostAndExpect && (name.equalsIgnoreCase("host") || name.equalsIgnoreCase("expect")))
          || (connection != null && listedIn(connection, name))) {
        continue;
      }
      to.add(name, header.getValue());
    }
  }

  /** Appends CHP's (http-proxy's) {@code X-Forwarded-*} headers to an outgoing request. */
  static void addForwarded(HttpServerRequest request, MultiMap to, boolean webSocket) {
    String host = request.headers().get("host");
    if (host == null && request.authority() != null) {
      // HTTP/2 (h2c upgrade, as Java's HttpClient asks by default) carries the host as :authority.
      var authority = request.authority();
      host = authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }
    append(to, "X-Forwarded-For", request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
    append(to, "X-Forwarded-Port", portOf(host, request.isSSL()));
    String proto = webSocket ? (request.isSSL() ? "wss" : "ws") : (request.isSSL() ? "https" : "http");
    append(to, "X-Forwarded-Proto", proto);
    if (!to.contains("X-Forwarded-Host")) {
      to.set("X-Forwarded-Host", host == null ? "" : host);
    }
  }

  private static void append(MultiMap to, String name, String value) {
    String old = to.get(name);
    to.set(name, old == null || old.isEmpty() ? value : old + "," + value);
  }

  private static String portOf(String host, boolean ssl) {
    if (host != null) {
      int colon = host.lastIndexOf(':');
      if (colon > host.lastIndexOf(']') && colon + 1 < host.length()) {
        String port = host.substring(colon + 1);
        if (port.chars().allMatch(Character::isDigit)) {
          return port;
        }
      }
    }
    return ssl ? "443" : "80";
  }
}
