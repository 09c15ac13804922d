package org.ganymede.proxy;

import io.vertx.core.net.SocketAddress;

/**
 * A route's target URL, parsed once when the route is added.
 *
 * @param url the URL as given
 * @param address where to connect (TCP or a Unix socket for {@code http+unix://})
 * @param ssl whether to speak TLS to the target
 * @param host the host name for TLS server-name checks
 * @param basePath the target URL's path without a trailing slash ("" for none), prepended to the
 *     forwarded path when prependPath is on
 */
record Target(String url, SocketAddress address, boolean ssl, String host, String basePath) {

  /** Parses {@code http://h:p/path}, {@code https://...} and {@code http+unix://<encoded path>/path}. */
  static Target parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new ProxyException("target '" + url + "' is not a URL; use http://host:port/path");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
    int authorityStart = schemeEnd + 3;
    int pathStart = url.indexOf('/', authorityStart);
    int queryStart = url.indexOf('?', authorityStart);
    if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
      pathStart = queryStart < 0 ? url.length() : queryStart;
    }
    String authority = url.substring(authorityStart, pathStart);
    int pathEnd = url.indexOf('?', pathStart);
    String path = url.substring(pathStart, pathEnd < 0 ? url.length() : pathEnd);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (authority.isEmpty()) {
      throw new ProxyException("target '" + url + "' has no host");
    }
    return switch (scheme) {
      case "http", "https" -> tcp(url, scheme.equals("https"), authority, path);
      case "http+unix", "https+unix" -> {
        String socket = RouteSpecs.decode(authority);
        yield new Target(
            url, SocketAddress.domainSocketAddress(socket), scheme.startsWith("https"), "localhost",
            path);
      }
      default ->
          throw new ProxyException(
              "target '" + url + "' has scheme '" + scheme + "'; use http, https or http+unix");
    };
  }

  private static Target tcp(String url, boolean ssl, String authority, String path) {
    String host = authority;
    int port = ssl ? 443 : 80;
    int at = host.lastIndexOf('@');
    if (at >= 0) {
      host = host.substring(at + 1);
    }
    int colon = host.lastIndexOf(':');
    int bracket = host.lastIndexOf(']');
    if (colon > bracket) {
      try {
        port = Integer.parseInt(host.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new ProxyException("target '" + url + "' has a bad port '" + host.substring(colon + 1) + "'");
      }
      host = host.substring(0, colon);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (port < 1 || port > 65535) {
      throw new ProxyException("target '" + url + "' has port " + port + "; use 1-65535");
    }
    return new Target(url, SocketAddress.inetSocketAddress(port, host), ssl, host, path);
  }

  /** The path to send: the target's path (when prepending) joined to the request path. */
  String join(String requestPathAndQuery, boolean prependPath) {
    String base = prependPath ? basePath : "";
    if (requestPathAndQuery.isEmpty() || requestPathAndQuery.charAt(0) == '?') {
      return (base.isEmpty() ? "/" : base) + requestPathAndQuery;
    }
    if (base.isEmpty()) {
      return requestPathAndQuery.charAt(0) == '/' ? requestPathAndQuery : "/" + requestPathAndQuery;
    }
    return requestPathAndQuery.charAt(0) == '/'
        ? base + requestPathAndQuery
        : base + "/" + requestPathAndQuery;
  }
}
