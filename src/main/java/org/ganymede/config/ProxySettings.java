package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chosen proxy and the {@code Proxy} / {@code ConfigurableHTTPProxy} traits. */
public record ProxySettings(
    ProxyKind kind,
    boolean shouldStart,
    Map<String, String> extraRoutes,
    Optional<Secret> authToken,
    String apiUrl,
    List<String> command,
    boolean debug,
    String logLevel,
    String pidFile) {

  /**
   * @param extraRoutes routespec → target URL, kept in the proxy beside the hub's own routes; a
   *     missing trailing '/' is added, as JupyterHub does
   */
  public ProxySettings {
    logLevel = logLevel.toLowerCase(java.util.Locale.ROOT);
    extraRoutes = normalized(extraRoutes);
  }

  private static Map<String, String> normalized(Map<String, String> routes) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> problems = new java.util.ArrayList<>();
    routes.forEach((spec, target) -> {
      if (spec.isEmpty()) problems.add("Proxy.extra_routes: a routespec is empty (target " + target + ")");
      if (!target.startsWith("http://") && !target.startsWith("https://")) {
        problems.add("Proxy.extra_routes['" + spec + "'] must be an http:// or https:// URL, got '" + target + "'");
      }
      out.put(spec.endsWith("/") ? spec : spec + "/", target);
    });
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return java.util.Collections.unmodifiableMap(out);
  }

  static ProxySettings from(ProxyKind kind, Values v) {
    return SettingsBinder.bind(ProxySettings.class, v, Optional.of(kind));
  }
}
