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

  public ProxySettings {
    logLevel = logLevel.toLowerCase(java.util.Locale.ROOT);
  }

  static ProxySettings from(ProxyKind kind, Values v) {
    return SettingsBinder.bind(ProxySettings.class, v, Optional.of(kind));
  }
}
