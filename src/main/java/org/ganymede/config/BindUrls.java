package org.ganymede.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code JupyterHub.bind_url} ({@code --url}) and {@code hub_bind_url}, folded at load into the
 * parts the hub reads: {@code ip}, {@code port}, {@code base_url} and {@code hub_ip},
 * {@code hub_port}. As in JupyterHub, {@code ip}/{@code port}/{@code base_url} set explicitly win
 * over the matching part of {@code bind_url}; {@code hub_bind_url} wins over {@code hub_ip}/{@code
 * hub_port}. The scheme follows {@code ssl_cert} (JupyterHub rewrites it the same way).
 */
final class BindUrls {
  private BindUrls() {}

  /** {@code merged} with the parts of each bind URL added as assignments; problems name the setting. */
  static Map<String, Assignment> fold(Map<String, Assignment> merged, List<String> problems) {
    Map<String, Assignment> out = new LinkedHashMap<>(merged);
    Assignment bind = merged.get("JupyterHub.bind_url");
    if (bind != null) {
      parse(bind, problems, true).ifPresent(url -> {
        putUnlessSet(out, merged, bind, "ip", Literals.of(url.host()), false);
        if (url.port() >= 0) putUnlessSet(out, merged, bind, "port", Literals.of((long) url.port()), false);
        putUnlessSet(out, merged, bind, "base_url", Literals.of(url.path()), false);
      });
    }
    Assignment hubBind = merged.get("JupyterHub.hub_bind_url");
    if (hubBind != null && !hubBind.value().stringValue().isEmpty()) {
      parse(hubBind, problems, false).ifPresent(url -> {
        putUnlessSet(out, merged, hubBind, "hub_ip", Literals.of(url.host()), true);
        if (url.port() >= 0) putUnlessSet(out, merged, hubBind, "hub_port", Literals.of((long) url.port()), true);
      });
    }
    return out;
  }

  private record Parts(String host, int port, String path) {}

  private static java.util.Optional<Parts> parse(Assignment a, List<String> problems, boolean withPath) {
    String text = a.value().stringValue();
    String name = "JupyterHub." + a.traitName() + " (" + a.source() + ")";
    if (text.startsWith("unix+")) {
      problems.add(name + ": Unix socket URLs are not supported yet, got '" + text + "'; use http://IP:PORT");
      return java.util.Optional.empty();
    }
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme())) {
        problems.add(name + " must be an http:// or https:// URL, got '" + text + "'");
        return java.util.Optional.empty();
      }
      // "http://:8000" has no host for java.net.URI; JupyterHub reads it as all interfaces.
      String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
      int colon = authority.lastIndexOf(':');
      boolean hasPort = colon >= 0 && !authority.endsWith("]");
      String host = hasPort ? authority.substring(0, colon) : authority;
      if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
      int port = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : -1;
      if (port > 65535) throw new NumberFormatException("port above 65535");
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (!withPath && !path.equals("/")) {
        // JupyterHub replaces the path with the hub prefix; a path here would be silently dropped.
        problems.add(name + ": the path is always {base_url}hub/, got '" + path + "'; give scheme, host and port only");
        return java.util.Optional.empty();
      }
      if (!path.endsWith("/")) path += "/";
      return java.util.Optional.of(new Parts(host, port, path));
    } catch (URISyntaxException | NumberFormatException e) {
      problems.add(name + " is not a valid URL, got '" + text + "': " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static void putUnlessSet(Map<String, Assignment> out, Map<String, Assignment> merged, Assignment from,
      String trait, tools.jackson.databind.JsonNode value, boolean bindWins) {
    String key = "JupyterHub." + trait;
    if (merged.containsKey(key) && !bindWins) return;
    Source via = new Source(from.source().kind(), from.source().detail() + " via " + from.key());
    out.put(key, Assignment.set("JupyterHub", trait, value, via));
  }
}
