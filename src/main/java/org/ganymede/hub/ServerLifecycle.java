package org.ganymede.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ganymede.auth.Authenticator;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.model.ServerName;
import org.ganymede.model.ServerState;
import org.ganymede.model.UserName;
import org.ganymede.proxy.RouteStore;
import org.ganymede.security.pki.ServerTlsPem;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;
import org.ganymede.store.ServerRecord;
import org.ganymede.store.ServerRows;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every user server's {@link ServerState} and moves it along the allowed transitions:
 * start (limits, token, OAuth client, {@code Spawner.start} under {@code start_timeout}, wait for
 * HTTP, route) and stop (route, signal, token), polling, and re-adoption after a hub restart.
 *
 * <p>Each server's state changes under that server's own lock; the slow parts (spawning, waiting,
 * stopping) run on virtual threads outside it, so a slow server never holds up another.
 */
public final class ServerLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

  private final LifecycleSettings settings;
  private final Directory dir;
  private final Tokens tokens;
  private final OAuthProvider oauth;
  private final Spawner spawner;
  private final Authenticator authenticator;
  private final SpawnAuth spawnAuth;
  private final RouteStore routes;
  private final Clock clock;
  private final ServerReadiness readiness;
  private final UserServers servers;
  private final UserRoutes userRoutes;
  private final ExecutorService work = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("server-", 0).factory());
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("server-poller").daemon().factory());
  private final Runnable hubStop;
  private final HubMetrics metrics;
  /** Spawn failures since the last success, across users ({@code consecutive_failure_limit}). */
  private final java.util.concurrent.atomic.AtomicInteger consecutiveFailures = new java.util.concurrent.atomic.AtomicInteger();
  /** Set once the failure limit is reached: the hub goes down leaving servers as they are. */
  private volatile boolean aborting;
  /** Set when the hub ends but its servers must not: consecutive failures, or a shutdown asked to keep them. */
  private volatile boolean leaveServersRunning;

  /**
   * {@code authenticator} gets the spawn hooks ({@link Authenticator#preSpawnStart}, {@link
   * Authenticator#postSpawnStop}); {@code hubStop} asks the whole hub to stop (with a failure
   * status) when {@code consecutive_failure_limit} is reached; it must not block, and is called
   * before the failing spawn's last event goes out.
   */
  public ServerLifecycle(LifecycleSettings settings, Directory dir, Tokens tokens, OAuthProvider oauth, Spawner spawner,
      Authenticator authenticator, RouteStore routes, Clock clock, Runnable hubStop) {
    this(settings, dir, tokens, oauth, spawner, authenticator, SpawnAuth.NONE, routes, clock, hubStop,
        HubMetrics.withoutJvm(dir, clock));
  }

  /**
   * As above; {@code spawnAuth} refreshes the login before a spawn and adds its auth state's
   * variables; spawns, stops, polls and proxy calls are recorded in {@code metrics} (served at
   * /hub/metrics).
   */
  public ServerLifecycle(LifecycleSettings settings, Directory dir, Tokens tokens, OAuthProvider oauth, Spawner spawner,
      Authenticator authenticator, SpawnAuth spawnAuth, RouteStore routes, Clock clock, Runnable hubStop,
      HubMetrics metrics) {
    this.spawnAuth = spawnAuth;
    this.settings = settings;
    this.metrics = metrics;
    this.hubStop = hubStop;
    this.dir = dir;
    this.tokens = tokens;
    this.oauth = oauth;
    this.spawner = spawner;
    this.authenticator = authenticator;
    this.routes = routes;
    this.clock = clock;
    this.servers = new UserServers(settings.baseUrl());
    this.userRoutes = new UserRoutes(routes, servers, metrics);
    metrics.watchServers(servers::runningCount);
    this.readiness = new ServerReadiness(settings.timeouts().http(),
        settings.servers().certificates().map(ServerCertificates::hubClient));
    long every = Math.max(1, settings.timeouts().poll().toSeconds());
    poller.scheduleWithFixedDelay(this::pollAll, every, every, TimeUnit.SECONDS);
  }

  /** {@code Spawner.profiles}, for the spawn and home pages. */
  public SpawnProfiles profiles() {
    return settings.servers().profiles();
  }

  public Optional<UserServer> server(String user, String name) {
    return servers.get(user, name);
  }

  /**
   * Starts a server; returns at once with the server pending. 400 when it is already running or
   * pending (the message says its state), 429 when a limit is reached.
   */
  public UserServer start(UserRecord user, String serverName, Map<String, Object> userOptions) {
    ServerName name = checkedName(serverName);
    UserOptions.check(userOptions);
    settings.servers().profiles().select(userOptions); // a pick the config lacks is refused before anything starts
    spawnAuth.checkBeforeSpawn(user.name());
    if (!name.isDefault()) {
      SpawnLimits.checkNamed(settings.limits().namedServers(), servers.all(), user.name(), name.value());
    }
    UserServer s = servers.getOrCreate(user.name(), name.value(), prefix(user.name(), name.value()));
    synchronized (s) {
      if (!s.state().stopped()) {
        if (s.state().pending().filter("spawn"::equals).isPresent()) {
          metrics.spawn(HubMetrics.SpawnStatus.ALREADY_PENDING, Duration.ZERO);
        }
        throw HttpException.badRequest(s.displayName() + " is already " + describe(s.state())
            + " (state=" + s.state() + ")");
      }
      SpawnLimits.check(settings.limits(), servers.all(), metrics);
      s.beginStart(clock.instant(), userOptions);
    }
    s.emit(new SpawnEvent.Step(0, "Server requested"));
    work.execute(() -> runStart(s, user));
    return s;
  }

  /** Every server this hub knows, in any state (the idle culler walks them). */
  List<UserServer> allServers() {
    return List.copyOf(servers.all());
  }

  /** The user's servers this hub knows, default first, then named ones by name. */
  public List<UserServer> serversOf(String user) {
    return List.copyOf(servers.of(user));
  }

  /** What the API and pages show of servers. */
  public ServerViews views() {
    return servers;
  }

  /** {@code JupyterHub.allow_named_servers} and {@code named_server_limit_per_user} (0: no limit). */
  public record NamedServers(boolean allowed, int limitPerUser) {}

  public NamedServers namedServers() {
    return settings.limits().namedServers();
  }

  /**
   * Deletes a named server ({@code DELETE …/servers/NAME} with {@code "remove": true}): stops it,
   * then forgets it, so it no longer counts towards the limit or shows on the home page.
   */
  public boolean remove(String user, String serverName, Duration wait) {
    if (serverName.isEmpty()) throw HttpException.badRequest("The default server cannot be removed, only stopped");
    boolean stopped = stop(user, serverName, wait);
    if (stopped) servers.forgetIfStopped(user, serverName);
    return stopped;
  }

  /** Waits up to {@code wait} for a pending start to end; returns the state then. */
  public ServerState awaitStart(UserServer s, Duration wait) {
    java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(1);
    Runnable cancel = s.subscribe(e -> {
      if (e.ends()) settled.countDown();
    });
    try {
      settled.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cancel.run();
    }
    return s.state();
  }

  /** Stops a server; waits up to {@code wait} and says whether it is stopped by then. */
  public boolean stop(String user, String serverName, Duration wait) {
    UserServer s = server(user, serverName)
        .orElseThrow(() -> HttpException.notFound("No such server: " + user + "/" + serverName));
    Optional<Future<?>> stopping = beginStop(s);
    if (stopping.isEmpty()) return true;
    Future<?> done = stopping.get();
    try {
      done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("stopping " + s.displayName() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts stopping {@code s} unless it is stopped already; the stage ends when it is. */
  private Optional<Future<?>> beginStop(UserServer s) {
    synchronized (s) {
      if (s.state().stopped()) return Optional.empty();
      if (s.state() == ServerState.STOPPING) return Optional.of(s.stopping());
      s.moveTo(ServerState.STOPPING);
      Future<?> done = work.submit(() -> cleanUp(s, true, Optional.empty()));
      s.stopping(done);
      return Optional.of(done);
    }
  }

  /**
   * Stops every server of {@code user} (before the user is deleted or renamed); 400 when one is
   * still starting, as JupyterHub answers.
   */
  public void stopAll(String user, Duration wait) {
    for (UserServer s : List.copyOf(servers.of(user))) {
      if (s.state().stopped()) continue;
      if (s.state().pending().filter("spawn"::equals).isPresent()) {
        throw HttpException.badRequest(s.displayName() + " is pending spawn; stop it first or try again later");
      }
      stop(user, s.name(), wait);
    }
    servers.forgetStopped(user);
  }

  /**
   * Stops every server that is running or pending, all at once (JupyterHub's {@code cleanup_servers}
   * when the hub shuts down); returns the number still stopping after {@code wait}.
   */
  public int stopEveryServer(Duration wait) {
    List<Future<Boolean>> stops = servers.all().stream().filter(s -> !s.state().stopped())
        .map(s -> work.submit(() -> stop(s.user(), s.name(), wait))).toList();
    int left = 0;
    for (Future<Boolean> stop : stops) {
      try {
        if (!stop.get()) left++;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("{}", e.getCause().getMessage());
        left++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return stops.size();
      }
    }
    return left;
  }

  private void runStart(UserServer s, UserRecord user) {
    String clientId = clientId(user.name(), s.name());
    try {
      Tokens.Issued token = tokens.issue("user", user.name(),
          ServerTokenScopes.of(settings.scopes().serverToken(), user.name(), s.name()), "Server at " + s.prefix(),
          Optional.empty(), Optional.empty(), Tokens.API_CLIENT);
      s.token(token.record().id());
      oauth.register(clientId, "Server at " + s.prefix(), token.secret(), s.prefix() + "oauth_callback",
          settings.scopes().oauthClientAllowed());
      save(s, user, SavedState.EMPTY);
      Path logFile = settings.servers().logDir()
          .resolve(user.name() + (s.name().isEmpty() ? "" : "-" + s.name()) + ".log");
      Map<String, String> env = SingleUserEnvironment.of(settings, user.name(), s, token.secret(), clientId);
      Optional<SpawnProfiles.Selection> profile = settings.servers().profiles().select(s.userOptions());
      profile.ifPresent(p -> env.putAll(p.hubEnvironment()));
      env.putAll(spawnAuth.environment(user.name()));
      Optional<ServerTlsPem> tls = Optional.empty();
      if (settings.servers().certificates().isPresent()) {
        ServerCertificates certificates = settings.servers().certificates().get();
        if (spawner.installsServerCertificates()) tls = Optional.of(certificates.issuePem(user.name(), s.name()));
        else env.putAll(certificates.issue(user.name(), s.name()));
      }
      SpawnRequest request = new SpawnRequest(new UserName(user.name()), new ServerName(s.name()),
          env, s.prefix(), profile.map(p -> p.launch(settings.servers().launch())).orElse(settings.servers().launch()),
          logFile,
          p -> s.emit(new SpawnEvent.Step(p.progress(), p.message())), tls, s.userOptions());
      s.logFile(logFile);
      authenticator.preSpawnStart(user.name(), s.name());
      Future<StartedServer> launch = work.submit(() -> spawner.start(request));
      StartedServer started;
      try {
        started = launch.get(settings.timeouts().start().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        launch.cancel(true);
        throw new SpawnFailure("spawner did not start " + s.displayName() + " within Spawner.start_timeout = "
            + settings.timeouts().start().toSeconds() + "s");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new SpawnFailure(e.getCause().getMessage());
      }
      s.started(started);
      save(s, user, started.state());
      if (!transition(s, ServerState.STARTING, ServerState.WAITING_UP)) return;
      // The internal address is for the log, not for the user watching the pending page.
      s.emit(new SpawnEvent.Step(60, "Server process started; waiting for it to answer"));
      readiness.waitUntilUp(started.url().resolve(s.prefix() + "api"), started.exit(),
          () -> s.state() != ServerState.WAITING_UP, s.displayName(), () -> tail(s));
      if (s.state() != ServerState.WAITING_UP) return;
      userRoutes.add(s, started.url().toString());
      // Counted before the state changes, so whoever sees RUNNING also sees the spawn counted.
      metrics.spawn(HubMetrics.SpawnStatus.SUCCESS, Duration.between(s.requested(), clock.instant()));
      if (!transition(s, ServerState.WAITING_UP, ServerState.RUNNING)) return;
      consecutiveFailures.set(0);
      log.info("{} is running at {} after {} ms", s.displayName(), started.url(),
          Duration.between(s.requested(), clock.instant()).toMillis());
      s.emit(new SpawnEvent.Ready(s.prefix()));
      started.exit().thenRun(() -> work.execute(() -> exited(s)));
    } catch (SpawnFailure | ProxyCalls.Failure e) {
      fail(s, e.getMessage());
    } catch (RuntimeException e) {
      log.error("spawning {} failed unexpectedly", s.displayName(), e);
      fail(s, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(s, "interrupted");
    }
  }

  private void fail(UserServer s, String reason) {
    String message = "Spawn failed: " + reason;
    log.warn("{}: {}", s.displayName(), message);
    synchronized (s) {
      if (s.state() == ServerState.STOPPING || s.state().stopped()) return;
      s.moveTo(ServerState.STOPPING);
    }
    metrics.spawn(HubMetrics.SpawnStatus.FAILURE, Duration.between(s.requested(), clock.instant()));
    cleanUp(s, true, Optional.of(message));
    countFailure();
    s.emit(new SpawnEvent.Failed(message));
  }

  /**
   * JupyterHub's {@code consecutive_failure_limit}: after that many failed spawns in a row, across
   * users, the hub exits (a supervisor such as systemd restarts it, which clears problems a
   * restart clears); 0 means never. Servers are left running for the next start to re-adopt, as
   * JupyterHub's exit leaves them.
   */
  private void countFailure() {
    int count = consecutiveFailures.incrementAndGet();
    int limit = settings.limits().consecutiveFailures();
    if (limit == 0) return;
    if (count > 1 && count < limit) {
      log.warn("{} consecutive spawns failed. Hub will exit if failure count reaches {} before succeeding",
          count, limit);
    }
    if (count >= limit && !aborting) {
      aborting = true;
      leaveServersRunning = true;
      log.error("Aborting due to {} consecutive spawn failures (Spawner.consecutive_failure_limit = {})",
          count, limit);
      hubStop.run();
    }
  }

  /** A running server's process ended by itself: forget it. */
  private void exited(UserServer s) {
    synchronized (s) {
      if (s.state() != ServerState.RUNNING) return;
      s.moveTo(ServerState.STOPPING);
    }
    log.info("{} exited; removing its route", s.displayName());
    cleanUp(s, false, Optional.empty());
  }

  /** Route, process, token, OAuth client, row: removed in that order (JupyterHub's stop order). */
  private void cleanUp(UserServer s, boolean signal, Optional<String> failure) {
    long begun = System.nanoTime();
    boolean stopped = true;
    userRoutes.remove(s);
    if (signal && !s.saved().isEmpty()) {
      try {
        spawner.stop(s.saved(), settings.timeouts().stop());
      } catch (RuntimeException e) {
        stopped = false;
        log.warn("stopping {} failed: {}", s.displayName(), e.getMessage());
      }
    }
    // Only asked-for stops count, as JupyterHub times only stop_single_user: a failed spawn's
    // clean-up is counted as the failed spawn, and a server that exited by itself was not stopped.
    if (signal && failure.isEmpty()) metrics.stop(stopped, System.nanoTime() - begun);
    try {
      authenticator.postSpawnStop(s.user(), s.name());
    } catch (RuntimeException e) {
      log.warn("Authenticator.post_spawn_stop for {} failed: {}", s.displayName(), e.getMessage());
    }
    s.tokenId().ifPresent(tokens::revoke);
    String clientId = clientId(s.user(), s.name());
    oauth.revokeTokensOf(clientId, s.user());
    oauth.unregister(clientId);
    dir.user(s.user()).ifPresent(u -> dir.db().transaction(c -> {
      ServerRows.delete(c, u.id(), s.name());
      return null;
    }));
    synchronized (s) {
      s.finish(failure.isPresent() ? ServerState.FAILED : ServerState.STOPPED, failure);
    }
  }

  private boolean transition(UserServer s, ServerState from, ServerState to) {
    synchronized (s) {
      if (s.state() != from) return false;
      s.moveTo(to);
      return true;
    }
  }

  /** Re-adopts servers recorded in the database: alive and answering → running again; else cleaned up. */
  public void restore() {
    for (ServerRecord row : dir.db().transaction(ServerRows::all)) {
      Optional<UserRecord> user = dir.users().stream().filter(u -> u.id() == row.userId()).findFirst();
      if (user.isEmpty()) continue;
      UserServer s = servers.getOrCreate(user.get().name(), row.name(), prefix(user.get().name(), row.name()));
      Map<String, Object> state = Json.toMap(Json.MAPPER.readTree(row.stateJson()));
      s.restore(state, row.url().map(URI::create), row.started().orElse(clock.instant()), row.lastActivity(),
          Json.toMap(Json.MAPPER.readTree(row.userOptionsJson())));
      work.execute(() -> readopt(s, user.get()));
    }
  }

  @SuppressWarnings("unchecked")
  private void readopt(UserServer s, UserRecord user) {
    boolean alive = !s.saved().isEmpty() && spawner.poll(s.saved()).isEmpty() && s.url().isPresent();
    if (!alive) {
      log.info("{} is not running any more; cleaning up", s.displayName());
      synchronized (s) {
        s.moveTo(ServerState.WAITING_UP);
        s.moveTo(ServerState.STOPPING);
      }
      cleanUp(s, !s.saved().isEmpty(), Optional.empty());
      return;
    }
    synchronized (s) {
      s.moveTo(ServerState.WAITING_UP);
    }
    try {
      URI url = s.url().get();
      readiness.waitUntilUp(url.resolve(s.prefix() + "api"), new java.util.concurrent.CompletableFuture<>(),
          () -> s.state() != ServerState.WAITING_UP, s.displayName(), () -> tail(s));
      userRoutes.add(s, url.toString());
      transition(s, ServerState.WAITING_UP, ServerState.RUNNING);
      log.info("re-adopted {} at {}", s.displayName(), url);
    } catch (Exception e) {
      log.warn("{} did not answer after the restart ({}); stopping it", s.displayName(), e.getMessage());
      synchronized (s) {
        s.moveTo(ServerState.STOPPING);
      }
      cleanUp(s, true, Optional.empty());
    }
  }

  /** {@link #syncRoutes} at start-up, after re-adoption: a failure is logged, not fatal. */
  public void reconcileRoutes() {
    try {
      syncRoutes();
    } catch (RuntimeException e) {
      log.warn("checking proxy routes failed: {}", e.getMessage());
    }
  }

  /**
   * Makes the proxy's user routes match the servers, as JupyterHub's {@code check_routes}: a route
   * of a server that is neither running nor pending is removed, and a running server whose route
   * is missing or aims elsewhere (a restarted proxy) gets it back.
   *
   * @throws IllegalStateException naming the proxy call that failed
   */
  public void syncRoutes() {
    userRoutes.sync();
  }

  private void pollAll() {
    for (UserServer s : servers.all()) {
      if (s.state() != ServerState.RUNNING || s.saved().isEmpty()) continue;
      try {
        long begun = System.nanoTime();
        boolean ended = spawner.poll(s.saved()).isPresent();
        metrics.poll(!ended, System.nanoTime() - begun);
        if (ended) work.execute(() -> exited(s));
      } catch (RuntimeException e) {
        log.warn("polling {} failed: {}", s.displayName(), e.getMessage());
      }
    }
  }

  private void save(UserServer s, UserRecord user, SavedState state) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("spawner", state.values());
    s.tokenId().ifPresent(id -> json.put("token_id", id));
    s.logFile().ifPresent(f -> json.put("log", f.toString()));
    s.setSaved(state);
    dir.db().transaction(c -> {
      ServerRows.save(c, user.id(), s.name(), Json.write(json), s.url().map(URI::toString),
          Optional.of(s.requested()), Optional.of(s.lastActivity()), Json.write(s.userOptions()));
      return null;
    });
  }

  private List<String> tail(UserServer s) {
    return s.logFile().map(f -> spawner.logTail(s.saved(), f, 20)).orElse(List.of());
  }

  private static ServerName checkedName(String name) {
    try {
      return new ServerName(name);
    } catch (IllegalArgumentException e) {
      throw HttpException.badRequest("Invalid server name: " + e.getMessage());
    }
  }

  private String prefix(String user, String server) {
    return settings.baseUrl() + "user/" + user + "/" + (server.isEmpty() ? "" : server + "/");
  }

  static String clientId(String user, String server) {
    return "jupyterhub-user-" + user + (server.isEmpty() ? "" : "-" + server);
  }

  private static String describe(ServerState state) {
    return switch (state) {
      case RUNNING -> "running";
      case STARTING, WAITING_UP -> "pending spawn";
      case STOPPING -> "pending stop";
      case STOPPED, FAILED -> "stopped";
    };
  }

  public int activeCount() {
    return servers.activeCount();
  }

  /**
   * The hub is shutting down: with {@code JupyterHub.cleanup_servers} (the default) stops every
   * server that is running or pending, all at once, and waits for them; without it leaves them
   * running for the next start to re-adopt ({@link #restore}). Then stops the hub's threads.
   */
  /** {@link #close} leaves the servers running whatever {@code cleanup_servers} says ({@code POST /api/shutdown}). */
  public void leaveServersRunningOnClose() {
    leaveServersRunning = true;
  }

  @Override
  public void close() {
    if (settings.cleanupServers() && !leaveServersRunning) {
      stopEveryServer();
    } else {
      log.info("Leaving single-user servers running");
    }
    poller.shutdownNow();
    work.shutdownNow();
  }

  private void stopEveryServer() {
    List<Future<?>> stopping = new java.util.ArrayList<>();
    for (UserServer s : servers.all()) beginStop(s).ifPresent(stopping::add);
    if (stopping.isEmpty()) return;
    log.info("Cleaning up {} single-user servers...", stopping.size());
    // Each stop may take the whole signal sequence; they run side by side. The margin covers the
    // route, token and database work around each.
    long deadline = System.nanoTime() + settings.timeouts().stop().total().plusSeconds(30).toNanos();
    for (Future<?> f : stopping) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        log.warn("a server was still stopping when the hub shut down");
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("Failed to stop a server: {}", e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A start that cannot go on; the message is shown to the user. */
  static final class SpawnFailure extends RuntimeException {
    SpawnFailure(String message) {
      super(message, null, false, false);
    }
  }
}
