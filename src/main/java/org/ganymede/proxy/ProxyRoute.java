package org.ganymede.proxy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One route as the hub sees it.
 *
 * @param routespec normalised ({@code /user/alice}, {@code /} for the root)
 * @param target the URL requests are forwarded to
 * @param data the extra keys stored with the route (never {@code target} or {@code last_activity})
 * @param lastActivity the last successful traffic, or empty if the proxy does not report it
 */
public record ProxyRoute(
    String routespec, String target, Map<String, Object> data, Optional<Instant> lastActivity) {
  public ProxyRoute {
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }
}
