package org.ganymede.app;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.ganymede.config.HubConfig;
import org.ganymede.config.HubSettings;
import org.ganymede.config.ProxyKind;
import org.ganymede.config.Secret;
import org.ganymede.hub.ProxyTable;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.ganymede.proxy.RouteStore;
import org.ganymede.security.ProxyTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy the hub drives: built into the hub's JVM, or in its own process (started by the hub or
 * already running, {@code proxy_class = configurable-http-proxy}).
 *
 * @param embedded the built-in proxy; empty when the proxy runs in its own process
 * @param external the proxy process; empty for the built-in proxy
 * @param movable the way to a proxy process whose API address {@code PATCH /api/proxy} may change
 */
record HubProxy(RouteStore routes, int publicPort, Optional<ProxyServer> embedded, Optional<ExternalProxy> external,
    Optional<MovableRouteStore> movable) {
  private static final Logger log = LoggerFactory.getLogger(HubProxy.class);

  /** What starting a proxy needs from the steps before it. */
  record Context(HubConfig config, Path workDir, Map<String, String> env, Vertx vertx, PublicTls publicTls,
      Optional<InternalTls> internalTls, String hubTarget, Clock clock, Consumer<AutoCloseable> closeLater) {}

  /** Starts or reaches the proxy; the public listener is up before the hub answers. */
  static HubProxy start(Context c) {
    HubSettings hub = c.config().hub();
    String errorTarget = c.hubTarget() + hub.baseUrl() + "hub/error";
    if (c.config().proxy().kind() == ProxyKind.EXTERNAL_CHP) return startExternal(c, errorTarget);
    if (!hub.cleanupProxy()) {
      throw new StartupException("JupyterHub.cleanup_proxy = False needs a proxy in its own process: the built-in "
          + "proxy runs inside the hub and stops with it; set JupyterHub.proxy_class = 'configurable-http-proxy'");
    }
    ProxyOptions.Builder options = ProxyOptions.builder()
        .ip(listenIp(hub))
        .port(hub.port())
        .apiIp("127.0.0.1")
        .apiPort(0)
        .authToken(token(c))
        .errorTarget(errorTarget);
    PublicTls tls = c.publicTls();
    tls.files().ifPresent(f -> options.sslCert(f.certificate()).sslKey(f.key()));
    if (tls.hsts()) options.hsts(PublicTls.HSTS);
    if (tls.https() && hub.redirectPort() > 0) {
      options.redirectPort(hub.redirectPort()).acmeChallengeDir(AcmeSetup.challengeDir(c.workDir()));
    }
    c.internalTls().ifPresent(t -> t.configureProxyClient(options));
    // subdomain_host: the proxy routes on Host first; the hub's route "/" stays the catch-all for the hub's own host.
    options.hostRouting(!hub.subdomainHost().isEmpty());
    ProxyServer proxy;
    try {
      proxy = ProxyServer.start(c.vertx(), options.build());
    } catch (org.ganymede.proxy.PortInUseException e) {
      throw PortsInUse.hubProxy(e);
    }
    c.closeLater().accept(proxy);
    proxy.redirectPort().ifPresent(p -> log.info("http://...:{} redirects to https", p));
    if (tls.mode() == PublicTls.Mode.ACME) {
      var renewals = AcmeSetup.start(hub, c.workDir(), proxy, c.clock());
      c.closeLater().accept(renewals::shutdownNow);
    }
    return new HubProxy(proxy.routes(), proxy.publicPort(), Optional.of(proxy), Optional.empty(), Optional.empty());
  }

  /** {@code proxy_class = configurable-http-proxy}: a proxy in its own process, started here or not. */
  private static HubProxy startExternal(Context c, String errorTarget) {
    var p = c.config().proxy();
    HubSettings hub = c.config().hub();
    URI apiUrl = URI.create(p.apiUrl());
    ExternalProxy external;
    String token;
    if (p.shouldStart()) {
      token = token(c);
      external = ExternalProxy.launch(c.vertx(), p, listenIp(hub), hub.port(), errorTarget, token, c.workDir(),
          hub.cleanupProxy());
    } else {
      token = p.authToken().map(Secret::text).orElseThrow(() -> new StartupException(
          "ConfigurableHTTPProxy.should_start = False needs the proxy's token: set ConfigurableHTTPProxy.auth_token "
              + "or CONFIGPROXY_AUTH_TOKEN"));
      external = ExternalProxy.connect(c.vertx(), apiUrl, token);
    }
    c.closeLater().accept(external);
    MovableRouteStore movable = new MovableRouteStore(c.vertx(), new ProxyTable.ProxyAddress(apiUrl, token),
        external.routes());
    c.closeLater().accept(movable);
    return new HubProxy(movable, hub.port(), Optional.empty(), Optional.of(external), Optional.of(movable));
  }

  /**
   * The routing table for {@code /api/proxy}, with the hub's fixed routes: its own and
   * {@code Proxy.extra_routes}. A proxy in its own process can be moved, a built-in one not.
   */
  ProxyTable table(HubConfig config, String hubTarget, ServerLifecycle lifecycle) {
    List<ProxyTable.FixedRoute> fixed = fixedRoutes(config, hubTarget);
    return movable.map(m -> new ProxyTable(routes, lifecycle, fixed, m))
        .orElseGet(() -> new ProxyTable(routes, lifecycle, fixed));
  }

  /** As JupyterHub: with subdomain_host an extra routespec names its host; without, it is a path. */
  private static List<ProxyTable.FixedRoute> fixedRoutes(HubConfig config, String hubTarget) {
    HubSettings hub = config.hub();
    boolean subdomains = !hub.subdomainHost().isEmpty();
    List<ProxyTable.FixedRoute> fixed = new ArrayList<>();
    fixed.add(new ProxyTable.FixedRoute(subdomains ? "/" : hub.baseUrl(), hubTarget, Map.of("hub", true)));
    config.proxy().extraRoutes().forEach((spec, target) -> {
      if (subdomains == spec.startsWith("/")) {
        throw new StartupException("Proxy.extra_routes['" + spec + "'] " + (subdomains
            ? "needs a host (example.com/path/) because JupyterHub.subdomain_host is set"
            : "must start with '/' (a host is only allowed with JupyterHub.subdomain_host)"));
      }
      fixed.add(new ProxyTable.FixedRoute(spec, target, Map.of("extra", true)));
    });
    // As JupyterHub's add_all_services: every service with a url, managed or not, under /services/<name>/
    // (on the services.<domain> host with subdomains).
    String serviceHost = subdomains ? "services." + URI.create(hub.subdomainHost()).getHost() : "";
    for (var service : hub.services()) {
      service.url().ifPresent(url -> fixed.add(new ProxyTable.FixedRoute(
          serviceHost + hub.baseUrl() + "services/" + service.name() + "/", url, Map.of("service", service.name()))));
    }
    return fixed;
  }

  private static String listenIp(HubSettings hub) {
    return hub.ip().isEmpty() ? "0.0.0.0" : hub.ip();
  }

  private static String token(Context c) {
    var resolved = ProxyTokenSource.resolve(c.config().proxy().authToken().map(Secret::text), c.env(), c.workDir());
    log.info("{}", resolved);
    return resolved.token();
  }
}
