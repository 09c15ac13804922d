package org.ganymede.proxy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded route store: writers are serialised, readers see an immutable snapshot.
 *
 * <p>Every change builds a new {@link Snapshot} (trie + map) and publishes it through one
 * volatile write; the hot path's {@link #lookup} is a volatile read and a trie walk.
 */
final class RouteTable implements RouteStore {
  private record Snapshot(RouteTrie<LiveRoute> trie, Map<String, LiveRoute> bySpec) {}

  private final boolean hostRouting;
  private final Runnable onChange;
  private volatile Snapshot snapshot = new Snapshot(RouteTrie.empty(), Map.of());

  RouteTable(boolean hostRouting, Runnable onChange) {
    this.hostRouting = hostRouting;
    this.onChange = onChange;
  }

  /** The route for a decoded request path (with the host segment first when host routing). */
  LiveRoute lookup(String path) {
    return snapshot.trie.longestPrefix(path);
  }

  Optional<LiveRoute> get(String routespec) {
    return Optional.ofNullable(snapshot.bySpec.get(RouteSpecs.normalise(routespec)));
  }

  Collection<LiveRoute> all() {
    return snapshot.bySpec.values();
  }

  int size() {
    return snapshot.bySpec.size();
  }

  /** Adds or replaces a route; returns it. Throws {@link ProxyException} for a bad target. */
  LiveRoute put(String routespec, String target, Map<String, Object> data) {
    String spec = RouteSpecs.normalise(routespec);
    Target parsed = Target.parse(target);
    Map<String, Object> stored = new LinkedHashMap<>(data);
    stored.remove("target");
    stored.remove("last_activity");
    String pathPrefix = spec;
    if (hostRouting && !spec.equals("/")) {
      int slash = spec.indexOf('/', 1);
      stored.put("host", slash < 0 ? spec.substring(1) : spec.substring(1, slash));
      pathPrefix = slash < 0 ? "/" : spec.substring(slash);
    }
    LiveRoute route = new LiveRoute(spec, parsed, stored, pathPrefix, System.currentTimeMillis());
    synchronized (this) {
      Snapshot old = snapshot;
      Map<String, LiveRoute> bySpec = new LinkedHashMap<>(old.bySpec);
      bySpec.put(spec, route);
      snapshot = new Snapshot(old.trie.with(spec, route), java.util.Collections.unmodifiableMap(bySpec));
    }
    onChange.run();
    return route;
  }

  /** Removes a route; returns whether it existed. */
  boolean remove(String routespec) {
    String spec = RouteSpecs.normalise(routespec);
    synchronized (this) {
      Snapshot old = snapshot;
      if (!old.bySpec.containsKey(spec)) {
        return false;
      }
      Map<String, LiveRoute> bySpec = new LinkedHashMap<>(old.bySpec);
      bySpec.remove(spec);
      snapshot = new Snapshot(old.trie.without(spec), java.util.Collections.unmodifiableMap(bySpec));
    }
    onChange.run();
    return true;
  }

  @Override
  public CompletionStage<Void> add(String routespec, String target, Map<String, Object> data) {
    try {
      put(routespec, target, data);
      return CompletableFuture.completedFuture(null);
    } catch (ProxyException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Void> delete(String routespec) {
    remove(routespec);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Map<String, ProxyRoute>> list() {
    Map<String, ProxyRoute> routes = new LinkedHashMap<>();
    for (LiveRoute route : all()) {
      routes.put(route.spec, route.toProxyRoute());
    }
    return CompletableFuture.completedFuture(routes);
  }
}
