package org.ganymede.hub;

import java.util.Map;
import java.util.Optional;
import org.ganymede.model.ServerState;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RouteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy routes of users' servers: added and removed one by one (each call timed in the hub's
 * metrics), and checked against the servers as a whole, as JupyterHub's {@code check_routes}.
 */
final class UserRoutes {
  private static final Logger log = LoggerFactory.getLogger(UserRoutes.class);
  private final RouteStore routes;
  private final UserServers servers;
  private final HubMetrics metrics;

  UserRoutes(RouteStore routes, UserServers servers, HubMetrics metrics) {
    this.routes = routes;
    this.servers = servers;
    this.metrics = metrics;
  }

  /** The route of {@code s} to {@code target}, counted in {@code jupyterhub_proxy_add_duration_seconds}. */
  void add(UserServer s, String target) {
    long begun = System.nanoTime();
    try {
      ProxyCalls.await(routes.add(s.prefix(), target, Map.of("user", s.user(), "server_name", s.name())),
          "adding the route " + s.prefix());
      metrics.proxyAdd(true, System.nanoTime() - begun);
    } catch (RuntimeException e) {
      metrics.proxyAdd(false, System.nanoTime() - begun);
      throw e;
    }
  }

  /** Removes the route of {@code s}; a failure is logged, not thrown (the stop goes on). */
  void remove(UserServer s) {
    long begun = System.nanoTime();
    try {
      ProxyCalls.await(routes.delete(s.prefix()), "removing the route of " + s.displayName());
      metrics.proxyDelete(true, System.nanoTime() - begun);
    } catch (RuntimeException e) {
      metrics.proxyDelete(false, System.nanoTime() - begun);
      log.warn("{}", e.getMessage());
    }
  }

  /**
   * Makes the proxy's user routes match the servers: a route of a server that is neither running
   * nor pending is removed, and a running server whose route is missing or aims elsewhere (a
   * restarted proxy) gets it back.
   *
   * @throws IllegalStateException naming the proxy call that failed
   */
  void sync() {
    long begun = System.nanoTime();
    try {
      long polling = System.nanoTime();
      Map<String, ProxyRoute> table = ProxyCalls.await(routes.list(), "listing the proxy's routes");
      metrics.proxyPoll(System.nanoTime() - polling);
      for (ProxyRoute route : table.values()) {
        Object user = route.data().get("user");
        if (user == null) continue;
        Object name = route.data().getOrDefault("server_name", "");
        Optional<UserServer> s = servers.get(user.toString(), name.toString());
        if (s.isEmpty() || s.get().state().stopped()) {
          log.info("removing stale route {}", route.routespec());
          ProxyCalls.await(routes.delete(route.routespec()), "removing the stale route " + route.routespec());
        }
      }
      for (UserServer s : servers.all()) {
        if (s.state() != ServerState.RUNNING || s.url().isEmpty()) continue;
        String target = s.url().get().toString();
        ProxyRoute route = table.get(RouteStore.key(s.prefix()));
        if (route != null && route.target().equals(target)) continue;
        log.warn("{} route for {} ({} → {})", route == null ? "adding missing" : "updating", s.displayName(),
            s.prefix(), target);
        add(s, target);
      }
    } finally {
      metrics.checkRoutes(System.nanoTime() - begun);
    }
  }
}
