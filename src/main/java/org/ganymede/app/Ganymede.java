package org.ganymede.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.api.ApiRoutes;
import org.ganymede.api.HubShutdown;
import org.ganymede.api.MetricsEndpoint;
import org.ganymede.api.RequestDurations;
import org.ganymede.hub.HubMetrics;
import org.ganymede.hub.IdleCuller;
import org.ganymede.config.IdleCullerSettings;
import org.ganymede.hub.ProxyTable;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.LoginFlow;
import org.ganymede.auth.RedirectLogin;
import org.ganymede.config.HubConfig;
import org.ganymede.config.HubSettings;
import org.ganymede.config.Secret;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Identities;
import org.ganymede.hub.Logout;
import org.ganymede.hub.ExpiredTokenPurge;
import org.ganymede.hub.Permissions;
import org.ganymede.proxy.RouteStore;
import java.net.InetAddress;
import org.ganymede.hub.OAuthProvider;
import org.ganymede.web.ConsentPageRenderer;
import org.ganymede.hub.ServerActivity;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.spawn.Spawner;
import org.ganymede.hub.SignedValues;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.UserAuth;
import org.ganymede.hub.Users;
import org.ganymede.http.Json;
import org.ganymede.http.Responder;
import org.ganymede.proxy.ProxyServer;
import org.ganymede.security.CookieSecret;
import org.ganymede.security.CookieSecretSource;
import org.ganymede.security.CookieSigner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.web.Sessions;
import org.ganymede.web.ClientAddresses;
import org.ganymede.web.Logo;
import org.ganymede.web.PageOptions;
import org.ganymede.web.Templates;
import org.ganymede.web.WebRoutes;
import org.ganymede.web.HubRouter;
import org.ganymede.api.HubInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one wiring class: picks implementations by config name and starts the hub in named steps.
 * Read {@link #start} top to bottom to see what the hub does at start-up; each step gets what it
 * needs from the steps before it.
 */
public final class Ganymede implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ganymede.class);

  private final HubConfig config;
  private final Path workDir;
  private final Map<String, String> env;
  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  private volatile int exitStatus;
  /** Set once the start has gone through every step. */
  private Running running;

  /** What a started hub is made of, for its accessors. */
  private record Running(PublicTls publicTls, Optional<InternalTls> internalTls, HubState state, HubProxy proxy,
      Servers servers, HttpServer listener) {}

  /** The server side of the hub: the OAuth provider servers log in through, their lifecycle, their activity. */
  private record Servers(OAuthProvider oauth, ServerLifecycle lifecycle, ServerActivity activity) {}

  private Ganymede(HubConfig config, Path workDir, Map<String, String> env) {
    this.config = config;
    this.workDir = workDir;
    this.env = env;
  }

  /** Starts the hub: every step in order; a failing step stops the start with its message. */
  public static Ganymede start(HubConfig config, Path workDir, Map<String, String> env) {
    return start(config, workDir, env, java.util.function.UnaryOperator.identity());
  }

  /** As above, with the configured authenticator wrapped by {@code fake} (tests: an authenticator that returns auth state). */
  static Ganymede start(HubConfig config, Path workDir, Map<String, String> env,
      java.util.function.UnaryOperator<Authenticator> fake) {
    Ganymede g = new Ganymede(config, workDir, env);
    long begun = System.nanoTime();
    try {
      g.writePidFile();
      PublicTls publicTls = g.checkTransportSecurity();
      Optional<InternalTls> internalTls = g.initInternalTls();
      Database db = g.openDatabase();
      byte[] cookieSecret = g.loadCookieSecret();
      HubState state = HubState.load(db, config, g.clock);
      Authenticator authenticator = fake.apply(Implementations.authenticator(config, g.clock, g.closeables::add));
      UserAuth userAuth = AuthStateWiring.userAuth(config, env, state, authenticator, g.clock);
      Vertx vertx = g.startVertx();
      int hubPort = config.hub().hubPort() == 0 ? freePort(config.hub().hubIp()) : config.hub().hubPort();
      String hubTarget = scheme(internalTls) + "://" + config.hub().hubIp() + ":" + hubPort;
      HubProxy proxy = HubProxy.start(new HubProxy.Context(config, workDir, env, vertx, publicTls, internalTls,
          hubTarget, g.clock, g.closeables::add));
      HubMetrics metrics = HubMetrics.create(state.directory(), g.clock,
          proxy.embedded().map(p -> (java.util.function.Supplier<String>) p::metricsText));
      Servers servers = g.initServers(state, authenticator, userAuth, proxy.routes(), internalTls, hubPort, metrics);
      ProxyTable table = proxy.table(config, hubTarget, servers.lifecycle());
      HttpServer listener = g.startHubServer(vertx, state, authenticator, userAuth, servers, table, proxy, publicTls,
          internalTls, cookieSecret, hubPort, metrics);
      table.addFixedRoutes();
      g.closeables.add(ServiceWiring.start(config, env, state, g.hubApiUrl(internalTls, hubPort)));
      g.running = new Running(publicTls, internalTls, state, proxy, servers, listener);
      log.info("Ganymede is running at {}", g.publicUrl());
      servers.lifecycle().restore();
      servers.lifecycle().reconcileRoutes();
      // The proxy only notes traffic in memory; the hub takes it (and checks routes) every interval.
      servers.activity().startPulling(Duration.ofSeconds(config.hub().lastActivityInterval()));
      if (config.idleCuller().enabled()) g.startIdleCuller(state, servers.lifecycle());
      metrics.started(System.nanoTime() - begun);
      return g;
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  /** The hub's API as its servers and services reach it ({@code JUPYTERHUB_API_URL}). */
  private String hubApiUrl(Optional<InternalTls> internalTls, int hubPort) {
    String connectIp = hub().hubConnectIp().isEmpty() ? hub().hubIp() : hub().hubConnectIp();
    return hub().hubConnectUrl().isEmpty()
        ? scheme(internalTls) + "://" + connectIp + ":" + hubPort + hub().baseUrl() + "hub/api"
        : hub().hubConnectUrl().replaceAll("/$", "") + hub().baseUrl() + "hub/api";
  }

  private HubSettings hub() {
    return config.hub();
  }

  /** {@code JupyterHub.pid_file} ({@code --pid-file}): written first, removed when the hub stops. */
  private void writePidFile() {
    if (hub().pidFile().isEmpty()) return;
    Path file = workDir.resolve(hub().pidFile());
    try {
      java.nio.file.Files.writeString(file, ProcessHandle.current().pid() + "\n");
    } catch (java.io.IOException e) {
      throw new StartupException("cannot write the hub's pid to " + file + " (JupyterHub.pid_file): " + e.getMessage());
    }
    closeables.add(() -> java.nio.file.Files.deleteIfExists(file));
  }

  /**
   * Plain HTTP only on loopback or with --no-ssl; otherwise the configured certificate or a
   * self-signed one (see {@link PublicTls}).
   */
  private PublicTls checkTransportSecurity() {
    PublicTls publicTls = PublicTls.decide(hub(), workDir, clock);
    switch (publicTls.mode()) {
      case CONFIGURED -> log.info("TLS: certificate {} (SHA-256 {}), valid until {}", publicTls.files().get().certificate(),
          publicTls.files().get().sha256Fingerprint(), publicTls.files().get().notAfter());
      case ACME -> log.info("TLS: Let's Encrypt for {} ({}), renewed when under 30 days", hub().letsencryptDomains(),
          publicTls.trusted() ? "certificate valid until " + publicTls.files().get().notAfter()
              : "self-signed placeholder until the first certificate arrives");
      case SELF_SIGNED -> log.warn("TLS: no JupyterHub.ssl_cert given, serving a SELF-SIGNED certificate {} "
          + "(SHA-256 {}), valid until {}. Browsers will warn; compare the fingerprint, or set JupyterHub.ssl_cert "
          + "and JupyterHub.ssl_key", publicTls.files().get().certificate(), publicTls.files().get().sha256Fingerprint(),
          publicTls.files().get().notAfter());
      case PLAIN -> log.info("TLS: off ({})", hub().confirmNoSsl() ? "--no-ssl" : "loopback address only");
    }
    return publicTls;
  }

  /** With JupyterHub.internal_ssl: the internal CA and the hub's and proxy's certificates. */
  private Optional<InternalTls> initInternalTls() {
    if (!hub().internalSsl()) return Optional.empty();
    InternalTls tls = InternalTls.create(workDir.resolve(hub().internalCertsLocation()), hub().hubIp(), clock);
    log.info("internal TLS: CA {}", tls.ca().caCertificate());
    return Optional.of(tls);
  }

  private Database openDatabase() {
    Database db = Database.open(DatabaseUrl.parse(hub().dbUrl(), workDir), hub().upgradeDb());
    closeables.add(db);
    log.info("database: {}", db.url());
    return db;
  }

  private byte[] loadCookieSecret() {
    byte[] configured = hub().cookieSecret().map(Secret::bytes).orElse(new byte[0]);
    CookieSecret secret = new CookieSecretSource(configured, env, workDir.resolve(hub().cookieSecretFile())).resolve();
    log.info("cookie secret: {}", secret);
    return secret.bytes();
  }

  private Vertx startVertx() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    closeables.add(() -> vertx.close().await());
    return vertx;
  }

  private Servers initServers(HubState state, Authenticator authenticator, UserAuth userAuth, RouteStore routes,
      Optional<InternalTls> internalTls, int hubPort, HubMetrics metrics) {
    if (!hub().internalSsl() && !config.spawner().sslAltNames().isEmpty()) {
      log.warn("Spawner.ssl_alt_names {} has no effect without JupyterHub.internal_ssl", config.spawner().sslAltNames());
    }
    OAuthProvider oauth = new OAuthProvider(state.directory(), state.tokens(), clock, Duration.ofDays(14));
    closeables.add(ExpiredTokenPurge.start(state.tokens(), oauth, ExpiredTokenPurge.daemonThread()));
    String apiUrl = hubApiUrl(internalTls, hubPort);
    ServerLifecycle lifecycle = new ServerLifecycle(ServerWiring.settings(config, apiUrl, workDir.resolve("logs"),
        internalTls.map(t -> new InternalServerCertificates(t, config.spawner().sslAltNames())),
        serverTokenScopes(state)), state.directory(), state.tokens(), oauth, Implementations.spawner(config, env), authenticator, userAuth, routes, clock,
        this::exitAfterSpawnFailures, metrics);
    closeables.add(lifecycle);
    ServerActivity activity = new ServerActivity(state.directory(), state.users(), lifecycle, routes, clock);
    closeables.add(activity);
    return new Servers(oauth, lifecycle, activity);
  }

  /**
   * {@code IdleCuller.enabled}: jupyterhub-idle-culler's rounds inside the hub; {@code cull_every}
   * 0 means half the timeout, as the culler's default.
   */
  private void startIdleCuller(HubState state, ServerLifecycle lifecycle) {
    IdleCullerSettings c = config.idleCuller();
    IdleCuller culler = new IdleCuller(new IdleCuller.Rules(Duration.ofSeconds(c.timeout()),
        Duration.ofSeconds(c.maxAge()), c.cullUsers(), c.cullAdminUsers(), c.cullDefaultServers(),
        c.cullNamedServers(), c.removeNamedServers(), c.concurrency()),
        lifecycle, state.users(), state.directory(), clock);
    closeables.add(culler);
    culler.start(Duration.ofSeconds(c.cullEvery() > 0 ? c.cullEvery() : Math.max(1, c.timeout() / 2)));
  }

  /**
   * {@code consecutive_failure_limit} reached: exit with status 1, as JupyterHub, 2 s later so the
   * failing requests still get their answers.
   */
  private void exitAfterSpawnFailures() {
    java.util.concurrent.CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
        .execute(() -> {
          exitStatus = 1;
          close();
        });
  }

  /** {@code Spawner.server_token_scopes}, checked against the scope catalogue; [] means the {@code server} role's. */
  private List<String> serverTokenScopes(HubState state) {
    List<String> configured = config.spawner().serverTokenScopes();
    if (configured.isEmpty()) return state.roles().role("server").orElseThrow().scopes();
    state.permissions().catalogue().validate(configured, "Spawner.server_token_scopes");
    return configured;
  }

  /** The hub's own listener behind the proxy: the REST API and the pages. */
  private HttpServer startHubServer(Vertx vertx, HubState state, Authenticator authenticator, UserAuth userAuth,
      Servers servers,
      ProxyTable table, HubProxy proxy, PublicTls publicTls, Optional<InternalTls> internalTls, byte[] cookieSecret,
      int hubPort, HubMetrics metrics) {
    Directory directory = state.directory();
    Tokens tokens = state.tokens();
    Users users = state.users();
    Permissions permissions = state.permissions();
    ServerLifecycle lifecycle = servers.lifecycle();
    Responder responder = new Responder();
    closeables.add(responder::close);
    String baseUrl = hub().baseUrl();
    SignedValues signer = LoginWiring.signedValues(new CookieSigner(cookieSecret));
    Duration maxAge = Duration.ofSeconds((long) (hub().cookieMaxAgeDays() * 86400));
    Identities identities = new Identities(directory, tokens, permissions, signer, maxAge, userAuth::stillValid);
    boolean secure = publicTls.https() || hub().publicUrl().startsWith("https:");
    if (hub().cookieHostPrefixEnabled() && !secure) {
      log.warn("JupyterHub.cookie_host_prefix_enabled makes cookies Secure, which browsers drop over plain http; "
          + "serve https or set JupyterHub.public_url to the https URL of the TLS-terminating proxy");
    }
    Sessions sessions = new Sessions(identities, signer, baseUrl, maxAge, secure, hub().cookieHostPrefixEnabled());
    Templates templates = new Templates(baseUrl, hub().templatePaths().stream().map(Path::of).toList(),
        Json.MAPPER.convertValue(hub().templateVars(), Map.class));
    PageOptions pages = new PageOptions(hub().defaultUrl(), hub().redirectToServer(), hub().defaultServerName(),
        new ClientAddresses(hub().trustedDownstreamIps()), Logo.of(hub().logoFile()));

    Router root = HubRouter.create(vertx, baseUrl, ApiRoutes.JUPYTERHUB_VERSION,
        publicTls.hsts() ? Optional.of(PublicTls.HSTS) : Optional.empty());
    String apiPrefix = baseUrl + "hub/api";
    RequestDurations durations = new RequestDurations(metrics, apiPrefix);
    root.route().handler(durations);
    Router api = Router.router(vertx);
    api.route().handler(durations.insideApi());
    MetricsEndpoint metricsEndpoint = new MetricsEndpoint(metrics, sessions, responder, hub().authenticatePrometheus());
    metricsEndpoint.mountApi(api);
    metricsEndpoint.mountPage(root, baseUrl);
    HubInfo info = new HubInfo(Version.GANYMEDE, authenticator.className(), config.spawner().kind().toString());
    new ApiRoutes(new ApiRoutes.Settings(apiPrefix, hub().apiPageDefaultLimit(), hub().apiPageMaxLimit(),
        hub().tokenExpiresInMaxSeconds(), info, hub().publicUrl()), responder, sessions, directory, users, state.groups(), tokens,
        permissions, state.services(), lifecycle, servers.oauth(), baseUrl,
        new ConsentPageRenderer(templates, sessions, permissions.catalogue()), table,
        new Shutdown(lifecycle, proxy.external()), servers.activity(), userAuth.states()).mount(api);
    root.route(apiPrefix + "*").subRouter(api);

    LoginFlow flow = new LoginFlow(authenticator, LoginWiring.policy(config.authenticator(), config.oauth()), name -> directory.user(name).isPresent());
    Logout logout = new Logout(servers.oauth(), lifecycle, hub().shutdownOnLogout());
    new WebRoutes(responder, templates, sessions, flow, users, LoginWiring.limiter(clock), lifecycle, tokens, logout,
        config.spawner().optionsForm(), baseUrl, pages, userAuth,
        authenticator instanceof RedirectLogin r ? Optional.of(r) : Optional.empty(), config.authenticator().autoLogin())
        .mount(root);
    HubRouter.finish(root, apiPrefix, templates);

    HttpServerOptions hubOptions = new HttpServerOptions().setIdleTimeout(300).setMaxFormAttributeSize(HubRouter.BODY_LIMIT);
    internalTls.ifPresent(t -> t.requireClientCertificates(hubOptions));
    HttpServer listener;
    try {
      listener = vertx.createHttpServer(hubOptions).requestHandler(root).listen(hubPort, hub().hubIp()).await();
    } catch (Exception e) { // Vert.x rethrows Netty's checked bind errors unchecked
      if (org.ganymede.proxy.PortInUseException.isAddressInUse(e)) throw PortsInUse.inUse("JupyterHub.hub_port", hub().hubIp(), hubPort);
      throw e instanceof RuntimeException r ? r : new StartupException("cannot listen on JupyterHub.hub_ip "
          + hub().hubIp() + " port " + hubPort + ": " + e.getMessage());
    }
    closeables.add(listener::close);
    log.info("hub API listening on {}://{}:{}{}", scheme(internalTls), hub().hubIp(), listener.actualPort(), apiPrefix);
    return listener;
  }

  /**
   * {@code POST /api/shutdown}: on a thread of its own (closing ends the request threads), stops
   * the servers if asked, leaves a proxy process the hub started running unless asked to stop it
   * (a proxy built into the hub ends with it), then closes the hub as a signal would.
   */
  private final class Shutdown implements HubShutdown {
    private final ServerLifecycle lifecycle;
    private final Optional<ExternalProxy> externalProxy;

    Shutdown(ServerLifecycle lifecycle, Optional<ExternalProxy> externalProxy) {
      this.lifecycle = lifecycle;
      this.externalProxy = externalProxy;
    }

    @Override
    public Cleanup defaults() {
      return new Cleanup(hub().cleanupServers(), hub().cleanupProxy());
    }

    @Override
    public void begin(Cleanup cleanup) {
      Thread.ofPlatform().name("hub-shutdown").start(() -> {
        log.info("shutting down on request through the API (stop servers: {}, stop proxy: {})", cleanup.servers(),
            cleanup.proxy());
        if (cleanup.servers()) {
          int left = lifecycle.stopEveryServer(Duration.ofSeconds(60));
          if (left > 0) log.warn("{} servers were still stopping after 60s; leaving them", left);
        } else {
          lifecycle.leaveServersRunningOnClose();
        }
        if (!cleanup.proxy()) externalProxy.ifPresent(ExternalProxy::leaveRunning);
        close();
      });
    }
  }

  /** Waits until the hub is closed, by a signal or through the API. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** A free port on {@code ip} (Vert.x cannot share port 0 across event loops). */
  static int freePort(String ip) {
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new StartupException("cannot find a free port on " + ip + ": " + e.getMessage());
    }
  }

  private static String scheme(Optional<InternalTls> internalTls) {
    return internalTls.isPresent() ? "https" : "http";
  }

  /** The internal CA when JupyterHub.internal_ssl is on: the spawner gets each server's files from it. */
  public Optional<org.ganymede.security.pki.InternalCa> internalCa() {
    return running.internalTls().map(InternalTls::ca);
  }

  public int publicPort() {
    return running.proxy().publicPort();
  }

  public int hubPort() {
    return running.listener().actualPort();
  }

  public String publicUrl() {
    String ip = hub().ip();
    String host = ip.isEmpty() || ip.equals("0.0.0.0") ? "localhost" : ip;
    String scheme = running.publicTls().https() ? "https" : "http";
    return scheme + "://" + host + ":" + publicPort() + hub().baseUrl();
  }

  /** The embedded proxy (tests add stand-in routes through it). */
  ProxyServer proxy() {
    return running.proxy().embedded().orElseThrow();
  }

  /** The OAuth provider (tests register stand-in server clients through it). */
  OAuthProvider oauth() {
    return running.servers().oauth();
  }

  /** 0, or 1 when the hub stopped itself after {@code consecutive_failure_limit} failed spawns. */
  public int exitStatus() {
    return exitStatus;
  }

  public Users users() {
    return running.state().users();
  }

  public Tokens tokens() {
    return running.state().tokens();
  }

  /** Closes what the start opened, last first; a second call waits for the first. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    try {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          log.warn("closing {} failed: {}", closeables.get(i), e.getMessage());
        }
      }
      closeables.clear();
    } finally {
      closed.countDown();
    }
  }

  private void awaitQuietly() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
