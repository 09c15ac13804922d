package org.ganymede.proxy;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The proxy SPI the hub uses: add, delete and list routes. Routespecs may carry JupyterHub's
 * trailing slash ({@code /user/alice/}); implementations normalise as configurable-http-proxy does.
 */
public interface RouteStore {
  /** Adds or replaces the route; its activity is set to now. */
  CompletionStage<Void> add(String routespec, String target, Map<String, Object> data);

  /** Deletes the route; deleting an absent route succeeds. */
  CompletionStage<Void> delete(String routespec);

  /** All routes keyed by normalised routespec (see {@link #key}). */
  CompletionStage<Map<String, ProxyRoute>> list();

  /** The key {@link #list} gives {@code routespec} under: leading {@code /}, no trailing one but for the root. */
  static String key(String routespec) {
    return RouteSpecs.normalise(routespec);
  }
}
