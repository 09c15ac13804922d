package org.ganymede.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded proxy: the public listener on every event loop, the REST API, and optionally the
 * metrics and http→https redirect listeners.
 *
 * <p>Start order: routes file restored, default route added, public listener, API, metrics,
 * redirect. {@link #start} returns when every listener is bound.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final RouteTable routes;
  private final Optional<RoutesFile> routesFile;
  private final List<String> deployments = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<ProxyVerticle> publicListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private int publicPort;
  private int apiPort;
  private int metricsPort = -1;
  private int redirectPort = -1;
  /** Renders the proxy's counters; set once the listeners are up. */
  private volatile MetricsHandler metrics;

  private ProxyServer(Vertx vertx, RouteTable routes, Optional<RoutesFile> routesFile) {
    this.vertx = vertx;
    this.routes = routes;
    this.routesFile = routesFile;
  }

  /** Starts every listener and blocks until they are bound; throws {@link ProxyException}. */
  public static ProxyServer start(Vertx vertx, ProxyOptions options) {
    Optional<RoutesFile> file = options.routesFile().map(RoutesFile::new);
    RouteTable routes = new RouteTable(options.hostRouting(), () -> file.ifPresent(RoutesFile::changed));
    ProxyServer proxy = new ProxyServer(vertx, routes, file);
    try {
      file.ifPresent(f -> f.restoreInto(routes));
      file.ifPresent(f -> f.watch(routes));
      options.defaultTarget().ifPresent(t -> routes.put("/", t, Map.of()));
      proxy.listen(options);
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e instanceof ProxyException ? e : new ProxyException("proxy did not start: " + e.getMessage(), e);
    }
  }

  private void listen(ProxyOptions options) {
    List<StatusCounters> counters = new ArrayList<>();
    List<ProxyVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    // One deployment with N instances: Vert.x shares the listening socket among them and
    // spreads accepted connections over their event loops. Vert.x does not share port 0, so
    // a free port is picked first.
    int port = options.port() == 0 ? freePort(options.ip()) : options.port();
    deployments.add(await(vertx.deployVerticle(() -> {
      ProxyVerticle instance = new ProxyVerticle(routes, options, port);
      instances.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(options.eventLoops())),
        "public listener on " + options.ip() + ":" + options.port(),
        PortInUseException.Listener.PUBLIC, options.ip(), port));
    for (ProxyVerticle instance : instances) {
      counters.add(instance.counters);
    }
    publicListeners.addAll(instances);
    publicPort = instances.get(0).actualPort();
    for (ProxyVerticle instance : instances) {
      if (instance.actualPort() != publicPort) {
        throw new ProxyException("event loops bound different ports (" + publicPort + ", "
            + instance.actualPort() + "); give --port explicitly");
      }
    }
    ApiHandler api = new ApiHandler(routes, options.authToken());
    HttpServer apiServer = await(vertx.createHttpServer(Tls.configureApi(new HttpServerOptions().setHost(options.apiIp()).setPort(options.apiPort()), options))
        .requestHandler(api).listen(), "REST API on " + options.apiIp() + ":" + options.apiPort(),
        PortInUseException.Listener.API, options.apiIp(), options.apiPort());
    servers.add(apiServer);
    apiPort = apiServer.actualPort();
    metrics = new MetricsHandler(counters, api.counters, routes);
    if (options.metricsPort().isPresent()) {
      HttpServer metrics = await(vertx.createHttpServer(new HttpServerOptions().setHost(options.metricsIp()).setPort(options.metricsPort().getAsInt()))
          .requestHandler(this.metrics).listen(), "metrics on port " + options.metricsPort().getAsInt(),
          PortInUseException.Listener.METRICS, options.metricsIp(), options.metricsPort().getAsInt());
      servers.add(metrics);
      metricsPort = metrics.actualPort();
    }
    if (options.redirectPort().isPresent()) {
      int to = options.redirectTo().orElse(publicPort);
      HttpServer redirect = await(vertx.createHttpServer(new HttpServerOptions().setHost(options.ip()).setPort(options.redirectPort().getAsInt()))
          .requestHandler(new HttpsRedirect(to, options.acmeChallengeDir())).listen(), "redirect listener on port " + options.redirectPort().getAsInt(),
          PortInUseException.Listener.REDIRECT, options.ip(), options.redirectPort().getAsInt());
      servers.add(redirect);
      redirectPort = redirect.actualPort();
    }
    LOG.info("Proxying {}://{}:{} ({} event loops, native transport {}), API on {}:{}",
        options.tls() ? "https" : "http", options.ip(), publicPort, options.eventLoops(),
        vertx.isNativeTransportEnabled(), options.apiIp(), apiPort);
  }

  private static int freePort(String ip) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(ip))) {
      return probe.getLocalPort();
    } catch (java.io.IOException e) {
      throw new ProxyException("cannot find a free port on " + ip + ": " + e.getMessage(), e);
    }
  }

  /** Waits for a listener to bind; a taken port becomes a {@link PortInUseException} naming it. */
  private static <T> T await(Future<T> future, String what, PortInUseException.Listener listener, String ip,
      int port) {
    try {
      return await(future, what);
    } catch (ProxyException e) {
      if (port != 0 && PortInUseException.isAddressInUse(e)) throw new PortInUseException(listener, ip, port, e.getCause());
      throw e;
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProxyException("interrupted while starting the " + what, e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ProxyException("cannot start the " + what + ": " + cause.getMessage(), cause);
    }
  }

  /**
   * Loads a new public key and certificate (same or other paths) into every event loop's listener
   * without a restart; new connections get it, open ones finish with the old one.
   */
  public void updateCertificate(java.nio.file.Path key, java.nio.file.Path cert) {
    for (ProxyVerticle listener : publicListeners) {
      await(listener.updateCertificate(key, cert), "certificate update");
    }
  }

  /** The route store of this proxy; changes are visible to the next request. */
  public RouteStore routes() {
    return routes;
  }

  /**
   * The proxy's counters in Prometheus's text format, as its metrics port serves them: for the
   * hub's /hub/metrics. Reads the per-event-loop counters; never touches the forwarding path.
   */
  public String metricsText() {
    return metrics.render();
  }

  public int publicPort() {
    return publicPort;
  }

  public int apiPort() {
    return apiPort;
  }

  /** The metrics port, or empty without a metrics listener. */
  public Optional<Integer> metricsPort() {
    return metricsPort < 0 ? Optional.empty() : Optional.of(metricsPort);
  }

  /** The redirect port, or empty without a redirect listener. */
  public Optional<Integer> redirectPort() {
    return redirectPort < 0 ? Optional.empty() : Optional.of(redirectPort);
  }

  /** Stops the listeners, closing open connections, and saves the routes file. */
  @Override
  public void close() {
    for (HttpServer server : servers) {
      server.close();
    }
    for (String id : deployments) {
      try {
        vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("undeploying {} failed: {}", id, e.toString());
      }
    }
    routesFile.ifPresent(RoutesFile::close);
  }
}
