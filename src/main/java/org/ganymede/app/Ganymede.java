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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.api.ApiRoutes;
import org.ganymede.api.HubShutdown;
import org.ganymede.hub.ProxyTable;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.LoginFlow;
import org.ganymede.auth.dummy.DummyAuthenticator;
import org.ganymede.auth.pam.PamAuthenticator;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.config.HubConfig;
import org.ganymede.config.HubSettings;
import org.ganymede.config.RoleSpec;
import org.ganymede.config.Secret;
import org.ganymede.config.ServiceSpec;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Groups;
import org.ganymede.hub.Identities;
import org.ganymede.hub.Logout;
import org.ganymede.hub.ExpiredTokenPurge;
import org.ganymede.hub.Permissions;
import org.ganymede.config.ProxyKind;
import org.ganymede.proxy.RouteStore;
import java.net.InetAddress;
import java.net.URI;
import org.ganymede.hub.OAuthProvider;
import org.ganymede.web.ConsentPageRenderer;
import org.ganymede.hub.ServerActivity;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.local.LocalProcessSpawner;
import org.ganymede.spawn.local.SimpleLocalProcessSpawner;
import org.ganymede.spawn.sudo.SudoSpawner;
import org.ganymede.hub.Services;
import org.ganymede.hub.SignedValues;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.Users;
import org.ganymede.http.Json;
import org.ganymede.http.Responder;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.ganymede.rbac.CustomScope;
import org.ganymede.rbac.Role;
import org.ganymede.rbac.Roles;
import org.ganymede.rbac.ScopeCatalogue;
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
 * Read {@link #start} top to bottom to see what the hub does at start-up.
 */
public final class Ganymede implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ganymede.class);

  private final HubConfig config;
  private final Path workDir;
  private final Map<String, String> env;
  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Vertx vertx;
  private Database db;
  private byte[] cookieSecret;
  private Directory directory;
  private Tokens tokens;
  private Users users;
  private Groups groups;
  private Permissions permissions;
  private Roles roles;
  private Services services;
  private HttpServer hubServer;
  private int hubPort;
  private ProxyServer proxy;
  private RouteStore routes;
  private int publicPort;
  private OAuthProvider oauth;
  private ServerLifecycle lifecycle;
  private ServerActivity activity;
  private PamAuthenticator pam;
  private PublicTls publicTls;
  private Optional<InternalTls> internalTls = Optional.empty();
  private Optional<ExternalProxy> externalProxy = Optional.empty();
  private Optional<MovableRouteStore> movableRoutes = Optional.empty();
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  private volatile int exitStatus;

  private Ganymede(HubConfig config, Path workDir, Map<String, String> env) {
    this.config = config;
    this.workDir = workDir;
    this.env = env;
  }

  /** Starts the hub: every step in order; a failing step stops the start with its message. */
  public static Ganymede start(HubConfig config, Path workDir, Map<String, String> env) {
    Ganymede g = new Ganymede(config, workDir, env);
    try {
      g.writePidFile();
      g.checkTransportSecurity();
      g.initInternalTls();
      g.openDatabase();
      g.loadCookieSecret();
      g.loadDirectory();
      g.initRoles();
      g.initUsers();
      g.initGroups();
      g.initServices();
      g.startProxy();
      g.initServers();
      g.startHubServer();
      g.routeHub();
      g.restoreServers();
      g.startActivityPulls();
      return g;
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  private HubSettings hub() {
    return config.hub();
  }

  /** {@code JupyterHub.pid_file} ({@code --pid-file}): written first, removed when the hub stops. */
  void writePidFile() {
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
  void checkTransportSecurity() {
    publicTls = PublicTls.decide(hub(), workDir, clock);
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
  }

  /** With JupyterHub.internal_ssl: the internal CA and the hub's and proxy's certificates. */
  void initInternalTls() {
    if (!hub().internalSsl()) return;
    internalTls = Optional.of(InternalTls.create(workDir.resolve(hub().internalCertsLocation()), hub().hubIp(), clock));
    log.info("internal TLS: CA {}", internalTls.get().ca().caCertificate());
  }

  void openDatabase() {
    db = Database.open(DatabaseUrl.parse(hub().dbUrl(), workDir), hub().upgradeDb());
    closeables.add(db);
    log.info("database: {}", db.url());
  }

  void loadCookieSecret() {
    byte[] configured = hub().cookieSecret().map(Secret::bytes).orElse(new byte[0]);
    CookieSecret secret = new CookieSecretSource(configured, env, workDir.resolve(hub().cookieSecretFile())).resolve();
    cookieSecret = secret.bytes();
    log.info("cookie secret: {}", secret);
  }

  void loadDirectory() {
    directory = Directory.load(db);
    tokens = new Tokens(directory, clock);
    users = new Users(directory, tokens, clock, AccountWiring.onUserAdded(config.authenticator()));
    groups = new Groups(directory);
    log.info("loaded {} users and {} groups", directory.userCount(), directory.groups().size());
  }

  void initRoles() {
    Map<String, CustomScope> custom = new LinkedHashMap<>();
    hub().customScopes().forEach((name, spec) -> custom.put(name, new CustomScope(spec.description(), spec.subscopes())));
    ScopeCatalogue catalogue = ScopeCatalogue.standard().withCustomScopes(custom);
    List<Role> loadRoles = new ArrayList<>();
    for (RoleSpec r : hub().loadRoles()) {
      loadRoles.add(new Role(r.name(), r.description(), r.scopes(), java.util.Set.copyOf(r.users()),
          java.util.Set.copyOf(r.groups()), java.util.Set.copyOf(r.services())));
    }
    roles = Roles.load(catalogue, loadRoles);
    services = new Services(hub().services().stream().map(Ganymede::service).toList());
    permissions = new Permissions(directory, catalogue, roles, services.adminFlags());
  }

  private static Services.Service service(ServiceSpec s) {
    return new Services.Service(s.name(), s.admin(), s.url(), s.apiToken().map(Secret::text), s.oauthClientId(),
        Json.toMap(s.info()), s.display());
  }

  /** Users named in config exist from the start; admins are promoted; nobody is removed (as JupyterHub). */
  void initUsers() {
    AuthenticatorSettings auth = config.authenticator();
    for (String name : auth.allowedUsers()) users.ensure(name);
    for (String name : auth.adminUsers()) users.applyLogin(name, true);
    for (RoleSpec r : hub().loadRoles()) r.users().forEach(users::ensure);
    hub().apiTokens().forEach((token, name) -> {
      users.ensure(name);
      tokens.importSecret("user", name, token.text(), List.of("inherit"), "from config: JupyterHub.api_tokens");
    });
  }

  void initGroups() {
    hub().loadGroups().forEach((name, spec) -> {
      spec.users().forEach(users::ensure);
      groups.ensure(name, spec.users(), Json.toMap(spec.properties()));
    });
  }

  void initServices() {
    services.register(directory, tokens);
    hub().serviceTokens().forEach((token, name) ->
        tokens.importSecret("service", name, token.text(), List.of("inherit"), "from config: service_tokens"));
  }

  void startHubServer() {
    Responder responder = new Responder();
    closeables.add(responder::close);
    String baseUrl = hub().baseUrl();
    SignedValues signer = LoginWiring.signedValues(new CookieSigner(cookieSecret));
    Duration maxAge = Duration.ofSeconds((long) (hub().cookieMaxAgeDays() * 86400));
    Identities identities = new Identities(directory, tokens, permissions, signer, maxAge);
    boolean secure = publicTls.https() || hub().publicUrl().startsWith("https:");
    if (hub().cookieHostPrefixEnabled() && !secure) {
      log.warn("JupyterHub.cookie_host_prefix_enabled makes cookies Secure, which browsers drop over plain http; "
          + "serve https or set JupyterHub.public_url to the https URL of the TLS-terminating proxy");
    }
    Sessions sessions = new Sessions(identities, signer, baseUrl, maxAge, secure, hub().cookieHostPrefixEnabled());
    Templates templates = new Templates(baseUrl, hub().templatePaths().stream().map(Path::of).toList(),
        org.ganymede.http.Json.MAPPER.convertValue(hub().templateVars(), Map.class));
    PageOptions pages = new PageOptions(hub().defaultUrl(), hub().redirectToServer(), hub().defaultServerName(),
        new ClientAddresses(hub().trustedDownstreamIps()), Logo.of(hub().logoFile()));

    Router root = HubRouter.create(vertx, baseUrl, ApiRoutes.JUPYTERHUB_VERSION,
        publicTls.hsts() ? Optional.of(PublicTls.HSTS) : Optional.empty());
    String apiPrefix = baseUrl + "hub/api";
    Router api = Router.router(vertx);
    HubInfo info = new HubInfo(Version.GANYMEDE, authenticator().className(), config.spawner().kind().toString());
    new ApiRoutes(new ApiRoutes.Settings(apiPrefix, hub().apiPageDefaultLimit(), hub().apiPageMaxLimit(),
        hub().tokenExpiresInMaxSeconds(), info, hub().publicUrl()), responder, sessions, directory, users, groups, tokens, permissions,
        services, lifecycle, oauth, baseUrl, new ConsentPageRenderer(templates, sessions, permissions.catalogue()),
        proxyTable(), new Shutdown(), activity).mount(api);
    root.route(apiPrefix + "*").subRouter(api);

    LoginFlow flow = new LoginFlow(authenticator(), LoginWiring.policy(config.authenticator()), name -> directory.user(name).isPresent());
    Logout logout = new Logout(oauth, lifecycle, hub().shutdownOnLogout());
    new WebRoutes(responder, templates, sessions, flow, users, LoginWiring.limiter(clock), lifecycle, tokens, logout,
        config.spawner().optionsForm(), baseUrl, pages)
        .mount(root);
    HubRouter.finish(root, apiPrefix, templates);

    HttpServerOptions hubOptions = new HttpServerOptions().setIdleTimeout(300).setMaxFormAttributeSize(HubRouter.BODY_LIMIT);
    internalTls.ifPresent(t -> t.requireClientCertificates(hubOptions));
    try {
      hubServer = vertx.createHttpServer(hubOptions).requestHandler(root).listen(hubPort, hub().hubIp()).await();
    } catch (Exception e) { // Vert.x rethrows Netty's checked bind errors unchecked
      if (org.ganymede.proxy.PortInUseException.isAddressInUse(e)) throw PortsInUse.inUse("JupyterHub.hub_port", hub().hubIp(), hubPort);
      throw e instanceof RuntimeException r ? r : new StartupException("cannot listen on JupyterHub.hub_ip "
          + hub().hubIp() + " port " + hubPort + ": " + e.getMessage());
    }
    log.info("hub API listening on {}://{}:{}{}", internalScheme(), hub().hubIp(), hubServer.actualPort(), apiPrefix);
  }

  /** The public listener first: user routes can be restored into it before the hub answers. */
  void startProxy() {
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    hubPort = hub().hubPort() == 0 ? freePort(hub().hubIp()) : hub().hubPort();
    String errorTarget = hubTarget() + hub().baseUrl() + "hub/error";
    if (config.proxy().kind() == ProxyKind.EXTERNAL_CHP) {
      startExternalProxy(errorTarget);
      return;
    }
    if (!hub().cleanupProxy()) {
      throw new StartupException("JupyterHub.cleanup_proxy = False needs a proxy in its own process: the built-in "
          + "proxy runs inside the hub and stops with it; set JupyterHub.proxy_class = 'configurable-http-proxy'");
    }
    ProxyOptions.Builder options = ProxyOptions.builder()
        .ip(publicIp().isEmpty() ? "0.0.0.0" : publicIp())
        .port(hub().port())
        .apiIp("127.0.0.1")
        .apiPort(0)
        .authToken(proxyToken())
        .errorTarget(errorTarget);
    publicTls.files().ifPresent(f -> options.sslCert(f.certificate()).sslKey(f.key()));
    if (publicTls.hsts()) options.hsts(PublicTls.HSTS);
    if (publicTls.https() && hub().redirectPort() > 0) {
      options.redirectPort(hub().redirectPort()).acmeChallengeDir(AcmeSetup.challengeDir(workDir));
    }
    internalTls.ifPresent(t -> t.configureProxyClient(options));
    // subdomain_host: the proxy routes on Host first; the hub's route "/" stays the catch-all for the hub's own host.
    boolean subdomains = !hub().subdomainHost().isEmpty();
    options.hostRouting(subdomains);
    try {
      proxy = ProxyServer.start(vertx, options.build());
    } catch (org.ganymede.proxy.PortInUseException e) {
      throw PortsInUse.hubProxy(e);
    }
    closeables.add(proxy);
    routes = proxy.routes();
    publicPort = proxy.publicPort();
    proxy.redirectPort().ifPresent(p -> log.info("http://...:{} redirects to https", p));
    if (publicTls.mode() == PublicTls.Mode.ACME) {
      var renewals = AcmeSetup.start(hub(), workDir, proxy, clock);
      closeables.add(renewals::shutdownNow);
    }
  }

  /** {@code proxy_class = configurable-http-proxy}: a proxy in its own process, started here or not. */
  private void startExternalProxy(String errorTarget) {
    var p = config.proxy();
    URI apiUrl = URI.create(p.apiUrl());
    ExternalProxy external;
    String token;
    if (p.shouldStart()) {
      token = proxyToken();
      external = ExternalProxy.launch(vertx, p, publicIp().isEmpty() ? "0.0.0.0" : publicIp(), hub().port(),
          errorTarget, token, workDir, hub().cleanupProxy());
    } else {
      token = p.authToken().map(Secret::text).orElseThrow(() -> new StartupException(
          "ConfigurableHTTPProxy.should_start = False needs the proxy's token: set ConfigurableHTTPProxy.auth_token "
              + "or CONFIGPROXY_AUTH_TOKEN"));
      external = ExternalProxy.connect(vertx, apiUrl, token);
    }
    closeables.add(external);
    externalProxy = Optional.of(external);
    MovableRouteStore movable = new MovableRouteStore(vertx, new ProxyTable.ProxyAddress(apiUrl, token),
        external.routes());
    closeables.add(movable);
    movableRoutes = Optional.of(movable);
    routes = movable;
    publicPort = hub().port();
  }

  void initServers() {
    if (!hub().internalSsl() && !config.spawner().sslAltNames().isEmpty()) {
      log.warn("Spawner.ssl_alt_names {} has no effect without JupyterHub.internal_ssl", config.spawner().sslAltNames());
    }
    oauth = new OAuthProvider(directory, tokens, clock, Duration.ofDays(14));
    closeables.add(ExpiredTokenPurge.start(tokens, oauth, ExpiredTokenPurge.daemonThread()));
    String connectIp = hub().hubConnectIp().isEmpty() ? hub().hubIp() : hub().hubConnectIp();
    String apiUrl = hub().hubConnectUrl().isEmpty()
        ? internalScheme() + "://" + connectIp + ":" + hubPort + hub().baseUrl() + "hub/api"
        : hub().hubConnectUrl().replaceAll("/$", "") + hub().baseUrl() + "hub/api";
    lifecycle = new ServerLifecycle(ServerWiring.settings(config, apiUrl, workDir.resolve("logs"),
        internalTls.map(t -> new InternalServerCertificates(t, config.spawner().sslAltNames())), serverTokenScopes()), directory, tokens, oauth, spawner(),
        authenticator(), routes, clock, this::exitAfterSpawnFailures);
    closeables.add(lifecycle);
    activity = new ServerActivity(directory, users, lifecycle, routes, clock);
    closeables.add(activity);
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
  private List<String> serverTokenScopes() {
    List<String> configured = config.spawner().serverTokenScopes();
    if (configured.isEmpty()) return roles.role("server").orElseThrow().scopes();
    permissions.catalogue().validate(configured, "Spawner.server_token_scopes");
    return configured;
  }

  private Spawner spawner() {
    List<String> shellCmd = config.spawner().shellCmd();
    return switch (config.spawner().kind()) {
      case LOCAL_PROCESS -> LocalProcessSpawner.create(env, AccountWiring.forServers(config)).withShellCmd(shellCmd);
      case SIMPLE -> SimpleLocalProcessSpawner.create(env, Path.of(config.spawner().homeDirTemplate()
          .replace("{username}", "").replaceAll("/+$", ""))).withShellCmd(shellCmd);
      // The hub runs as the service user; `ganymede setup` installs the helper and the sudoers grant.
      case SUDO -> {
        if (!shellCmd.isEmpty()) {
          throw new StartupException("LocalProcessSpawner.shell_cmd = " + shellCmd + " cannot apply to the sudo "
              + "spawner: what runs is fixed by the spawn helper's root-owned config (its cmd); remove shell_cmd "
              + "or put the shell into the helper config's cmd");
        }
        yield SudoSpawner.create(SudoSpawner.Options.defaults().withHelper(config.spawner().helperPath())
            .withUsersGroup(config.spawner().usersGroup()));
      }
    };
  }

  /** The hub's own route, then {@code Proxy.extra_routes}. */
  void routeHub() {
    proxyTable().addFixedRoutes();
    config.proxy().extraRoutes().forEach((spec, target) -> log.info("extra route {} -> {}", spec, target));
    log.info("Ganymede is running at {}", publicUrl());
  }

  void restoreServers() {
    lifecycle.restore();
    lifecycle.reconcileRoutes();
  }

  private String hubRoutespec() {
    return hub().subdomainHost().isEmpty() ? hub().baseUrl() : "/";
  }

  /** The routing table for {@code /api/proxy}: a proxy in its own process can be moved, a built-in one not. */
  private ProxyTable proxyTable() {
    List<ProxyTable.FixedRoute> fixed = fixedRoutes();
    return movableRoutes.map(m -> new ProxyTable(routes, lifecycle, fixed, m))
        .orElseGet(() -> new ProxyTable(routes, lifecycle, fixed));
  }

  /**
   * The hub's route and {@code Proxy.extra_routes}. As JupyterHub: with subdomain_host an extra
   * routespec names its host; without, it is a path.
   */
  private List<ProxyTable.FixedRoute> fixedRoutes() {
    List<ProxyTable.FixedRoute> fixed = new ArrayList<>();
    fixed.add(new ProxyTable.FixedRoute(hubRoutespec(), hubTarget(), Map.of("hub", true)));
    boolean subdomains = !hub().subdomainHost().isEmpty();
    config.proxy().extraRoutes().forEach((spec, target) -> {
      if (subdomains == spec.startsWith("/")) {
        throw new StartupException("Proxy.extra_routes['" + spec + "'] " + (subdomains
            ? "needs a host (example.com/path/) because JupyterHub.subdomain_host is set"
            : "must start with '/' (a host is only allowed with JupyterHub.subdomain_host)"));
      }
      fixed.add(new ProxyTable.FixedRoute(spec, target, Map.of("extra", true)));
    });
    return fixed;
  }

  /**
   * {@code POST /api/shutdown}: on a thread of its own (closing ends the request threads), stops
   * the servers if asked, leaves a proxy process the hub started running unless asked to stop it
   * (a proxy built into the hub ends with it), then closes the hub as a signal would.
   */
  private final class Shutdown implements HubShutdown {
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

  /** The proxy only notes traffic in memory; the hub takes it (and checks routes) every interval. */
  void startActivityPulls() {
    activity.startPulling(Duration.ofSeconds(hub().lastActivityInterval()));
  }

  /** A free port on {@code ip} (Vert.x cannot share port 0 across event loops). */
  static int freePort(String ip) {
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new StartupException("cannot find a free port on " + ip + ": " + e.getMessage());
    }
  }

  private String proxyToken() {
    var resolved = org.ganymede.security.ProxyTokenSource.resolve(config.proxy().authToken().map(Secret::text),
        env, workDir);
    log.info("{}", resolved);
    return resolved.token();
  }

  private String internalScheme() {
    return internalTls.isPresent() ? "https" : "http";
  }

  /** The hub's own listener as the proxy reaches it (its port is chosen before the proxy starts). */
  private String hubTarget() {
    return internalScheme() + "://" + hub().hubIp() + ":" + hubPort;
  }

  /**
   * With JupyterHub.internal_ssl: the hub's certificate (also valid as a client certificate) and
   * the CA to trust, for the hub's own calls to servers (readiness checks) over https.
   */
  public Optional<org.ganymede.security.pki.TlsFiles> hubInternalCertificate() {
    return internalTls.map(InternalTls::hubApi);
  }

  /** The internal CA when JupyterHub.internal_ssl is on: the spawner gets each server's files from it. */
  public Optional<org.ganymede.security.pki.InternalCa> internalCa() {
    return internalTls.map(InternalTls::ca);
  }

  private Authenticator authenticator() {
    return switch (config.authenticator().kind()) {
      case DUMMY -> new DummyAuthenticator(config.authenticator().password().map(Secret::text));
      case PAM -> pamAuthenticator();
      case NULL -> throw new StartupException("JupyterHub.authenticator_class = "
          + config.authenticator().kind() + " is not available in this version; use 'dummy'");
    };
  }

  /** One PAM authenticator for the hub's life: its thread pool is closed with the hub. */
  private Authenticator pamAuthenticator() {
    if (pam == null) {
      AuthenticatorSettings a = config.authenticator();
      pam = PamAuthenticator.create(PamAuthenticator.Settings.of(a.service(), a.encoding(), a.checkAccount())
          .withOpenSessions(a.openSessions()).withNormalizeUsername(a.pamNormalizeUsername()));
      closeables.add(pam);
    }
    return pam;
  }

  private String publicIp() {
    return hub().ip();
  }

  public int publicPort() {
    return publicPort;
  }

  public int hubPort() {
    return hubServer.actualPort();
  }

  public String publicUrl() {
    String host = publicIp().isEmpty() || publicIp().equals("0.0.0.0") ? "localhost" : publicIp();
    String scheme = publicTls.https() ? "https" : "http";
    return scheme + "://" + host + ":" + publicPort() + hub().baseUrl();
  }

  /** The embedded proxy (tests add stand-in routes through it). */
  ProxyServer proxy() {
    return proxy;
  }

  /** The OAuth provider (tests register stand-in server clients through it). */
  OAuthProvider oauth() {
    return oauth;
  }

  /** 0, or 1 when the hub stopped itself after {@code consecutive_failure_limit} failed spawns. */
  public int exitStatus() {
    return exitStatus;
  }

  public Users users() {
    return users;
  }

  public Tokens tokens() {
    return tokens;
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    try {
      closeEverything();
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

  private void closeEverything() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", closeables.get(i), e.getMessage());
      }
    }
    closeables.clear();
    if (hubServer != null) hubServer.close();
    if (vertx != null) vertx.close().await();
  }
}
