package org.ganymede.hub;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ganymede.http.Json;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RouteStore;

/**
 * The proxy's routing table as the hub's {@code /api/proxy} shows and repairs it: JupyterHub's
 * {@code get_all_routes} shape, and {@code check_routes} (the hub's own route, then the users'
 * routes, which {@link ServerLifecycle#syncRoutes} owns).
 */
public final class ProxyTable {
  private final RouteStore routes;
  private final ServerLifecycle lifecycle;
  private final List<FixedRoute> fixed;
  private final Optional<Relocation> relocation;

  /** Where the hub reaches a proxy that runs in its own process; the token never shows in logs. */
  public record ProxyAddress(URI apiUrl, String authToken) {
    @Override
    public String toString() {
      return apiUrl.toString();
    }
  }

  /** The hub's way to the proxy's API, and to point it at another one. */
  public interface Relocation {
    ProxyAddress current();

    /** Checks that the proxy at {@code next} answers with its token, then uses it. */
    void moveTo(ProxyAddress next);
  }

  /**
   * A route the hub keeps whatever servers run: its own, and {@code Proxy.extra_routes}.
   *
   * @param routespec as added ({@code /hub/} or {@code /}); listed without the trailing slash
   */
  public record FixedRoute(String routespec, String target, Map<String, Object> data) {
    public FixedRoute {
      data = Map.copyOf(data);
    }
  }

  /**
   * A table in a proxy built into the hub, which has no API address to move.
   * {@code fixed}: the hub's own route first, then the extra routes, as the hub added them at start.
   */
  public ProxyTable(RouteStore routes, ServerLifecycle lifecycle, List<FixedRoute> fixed) {
    this(routes, lifecycle, fixed, Optional.empty());
  }

  /** A table in a proxy in its own process, reached through {@code relocation}'s current address. */
  public ProxyTable(RouteStore routes, ServerLifecycle lifecycle, List<FixedRoute> fixed, Relocation relocation) {
    this(routes, lifecycle, fixed, Optional.of(relocation));
  }

  private ProxyTable(RouteStore routes, ServerLifecycle lifecycle, List<FixedRoute> fixed,
      Optional<Relocation> relocation) {
    this.routes = routes;
    this.lifecycle = lifecycle;
    this.fixed = List.copyOf(fixed);
    this.relocation = relocation;
  }

  /** Adds the fixed routes (at start, before the hub answers). */
  public void addFixedRoutes() {
    for (FixedRoute r : fixed) {
      ProxyCalls.await(routes.add(r.routespec(), r.target(), r.data()), "adding the route " + r.routespec());
    }
  }

  /** The proxy API in use; empty for a proxy built into the hub. */
  public Optional<ProxyAddress> address() {
    return relocation.map(Relocation::current);
  }

  /**
   * Uses the proxy API at {@code next} from now on (a new proxy took over), then syncs its routes
   * so the new proxy knows every running server.
   *
   * @throws IllegalArgumentException when the proxy is built in, or the new API does not answer
   */
  public void moveTo(ProxyAddress next) {
    relocation.orElseThrow(() -> new IllegalArgumentException("the proxy is built into this hub "
        + "(JupyterHub.proxy_class is not configurable-http-proxy); it has no API address to change"))
        .moveTo(next);
    sync();
  }

  /**
   * Every route by routespec (with JupyterHub's trailing slash), sorted: {@code routespec},
   * {@code target} and {@code data}, the proxy's {@code last_activity} included in the data as
   * configurable-http-proxy reports it.
   */
  public SortedMap<String, Map<String, Object>> routes() {
    SortedMap<String, Map<String, Object>> out = new TreeMap<>();
    for (ProxyRoute route : ProxyCalls.await(routes.list(), "listing the proxy's routes").values()) {
      String spec = route.routespec().endsWith("/") ? route.routespec() : route.routespec() + "/";
      Map<String, Object> data = new LinkedHashMap<>(route.data());
      data.remove("jupyterhub");
      route.lastActivity().ifPresent(t -> data.put("last_activity", Json.time(t)));
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("routespec", spec);
      model.put("target", route.target());
      model.put("data", data);
      out.put(spec, model);
    }
    return out;
  }

  /**
   * Re-adds what is missing or wrong: the hub's route, the extra routes, running servers' routes;
   * removes routes of servers that are not running.
   *
   * @throws IllegalStateException naming the proxy call that failed
   */
  public void sync() {
    Map<String, ProxyRoute> table = ProxyCalls.await(routes.list(), "listing the proxy's routes");
    for (FixedRoute r : fixed) {
      ProxyRoute present = table.get(RouteStore.key(r.routespec()));
      if (present == null || !present.target().equals(r.target())) {
        ProxyCalls.await(routes.add(r.routespec(), r.target(), r.data()), "adding the route " + r.routespec());
      }
    }
    lifecycle.syncRoutes();
  }

}
