package org.ganymede.proxy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the public listener: its own server instance (Vert.x spreads
 * connections over the instances bound to one port), its own connection pool to targets (so a
 * request and its target connection stay on one thread), its own counters.
 */
final class ProxyVerticle extends VerticleBase {
  private final RouteTable routes;
  private final ProxyOptions options;
  private final int port;
  final StatusCounters counters = new StatusCounters();
  private HttpServer server;

  ProxyVerticle(RouteTable routes, ProxyOptions options, int port) {
    this.routes = routes;
    this.options = options;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpClientOptions clientOptions = new HttpClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(30)
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setMaxHeaderSize(64 * 1024)
        .setConnectTimeout((int) options.proxyTimeout().map(d -> d.toMillis()).orElse(30_000L).longValue());
    Tls.configureClient(clientOptions, options);
    // Vert.x allocates each target's pool at its maximum size (one slot array per target and
    // event loop), so the maxima stay modest.
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1);
    HttpClient client = vertx.createHttpClient(clientOptions, pool);
    // Upgraded connections (WebSockets) stay open for hours: they leave their pool at the 101, so
    // this pool only bounds handshakes in progress, and they would not block ordinary requests.
    HttpClient upgrades = vertx.createHttpClient(clientOptions,
        new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));

    HttpServerOptions serverOptions = new HttpServerOptions()
        .setHost(options.ip())
        .setPort(port)
        .setMaxHeaderSize(options.maxHeaderSize())
        .setHandle100ContinueAutomatically(true)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        .setTcpNoDelay(true)
        // Every response is written from this verticle's event loop, so Vert.x can skip the
        // cross-thread hand-off it otherwise does per write.
        .setStrictThreadMode(true);
    long idleMillis = options.timeout().orElse(options.headerTimeout()).toMillis();
    serverOptions.setIdleTimeout((int) idleMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    Tls.configurePublic(serverOptions, options);

    IdleConnections idle = new IdleConnections(options.keepAliveTimeout().toMillis(), options.timeout().isEmpty());
    ErrorResponder errors = new ErrorResponder(vertx, client, options, counters);
    Forwarder forwarder = new Forwarder(routes, options, client, upgrades, errors, counters, idle);
    vertx.setPeriodic(1000, id -> idle.sweep());
    server = vertx.createHttpServer(serverOptions)
        .connectionHandler(idle::opened)
        .requestHandler(forwarder);
    return server.listen();
  }

  int actualPort() {
    return server.actualPort();
  }

  /** Swaps the public certificate for new connections (ACME renewal); open connections keep theirs. */
  Future<Boolean> updateCertificate(java.nio.file.Path key, java.nio.file.Path cert) {
    var ssl = new io.vertx.core.net.ServerSSLOptions().setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
        .setKeyPath(key.toString()).setCertPath(cert.toString()));
    return server.updateSSLOptions(Tls.modern(ssl), true);
  }
}
