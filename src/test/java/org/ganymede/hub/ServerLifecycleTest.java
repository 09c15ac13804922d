package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.ganymede.http.HttpException;
import org.ganymede.model.ServerState;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RouteStore;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.fakes.FailingSpawner;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.spawn.fakes.NeverReadySpawner;
import org.ganymede.spawn.fakes.SlowSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle's transitions with named fake spawners: slow, failing, never ready, instant. */
class ServerLifecycleTest {
  @TempDir Path dir;
  Database db;
  Directory directory;
  Tokens tokens;
  OAuthProvider oauth;
  InMemoryRoutes routes = new InMemoryRoutes();
  ServerLifecycle lifecycle;
  UserRecord alice;
  HookRecordingAuthenticator hooks = new HookRecordingAuthenticator();

  /** An authenticator that only writes down the spawn hooks it is called with, in order. */
  static final class HookRecordingAuthenticator implements org.ganymede.auth.Authenticator {
    final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public java.util.Optional<Identity> authenticate(org.ganymede.auth.Credentials credentials) {
      return java.util.Optional.empty();
    }

    @Override
    public void preSpawnStart(String userName, String serverName) {
      calls.add("pre " + userName + "/" + serverName);
    }

    @Override
    public void postSpawnStop(String userName, String serverName) {
      calls.add("post " + userName + "/" + serverName);
    }

    @Override
    public String className() {
      return "recording";
    }
  }

  /** A proxy route table in memory, standing in for the proxy. */
  static final class InMemoryRoutes implements RouteStore {
    final Map<String, String> targets = new ConcurrentHashMap<>();
    /** When set, every add fails with this message, as a proxy answering an error would. */
    volatile String refuseAdds;

    @Override
    public CompletionStage<Void> add(String routespec, String target, Map<String, Object> data) {
      if (refuseAdds != null) return CompletableFuture.failedFuture(new IllegalStateException(refuseAdds));
      targets.put(routespec, target);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> delete(String routespec) {
      targets.remove(routespec);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Map<String, ProxyRoute>> list() {
      return CompletableFuture.completedFuture(Map.of());
    }
  }

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, Clock.systemUTC());
    oauth = new OAuthProvider(directory, tokens, Clock.systemUTC(), Duration.ofDays(14));
    alice = new Users(directory, tokens, Clock.systemUTC()).ensure("alice");
  }

  @AfterEach
  void tearDown() {
    if (lifecycle != null) lifecycle.close();
    db.close();
  }

  ServerLifecycle lifecycle(Spawner spawner, Duration startTimeout, Duration httpTimeout, int spawnLimit) {
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(startTimeout, httpTimeout, Duration.ofSeconds(1)),
        TestLifecycleSettings.limits(spawnLimit, true, 0), TestLifecycleSettings.servers(dir),
        TestLifecycleSettings.noScopes(), false), directory, tokens, oauth, spawner, hooks,
        routes, Clock.systemUTC(), () -> {});
    return lifecycle;
  }

  @Test
  void startReachesRunningAddsTheRouteAndIssuesAServerToken() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    assertThat(routes.targets).containsKey("/user/alice/");
    assertThat(tokens.ownedBy("user", "alice")).anyMatch(t -> t.note().equals("Server at /user/alice/"));
    assertThat(oauth.client("jupyterhub-user-alice")).isPresent();
  }

  @Test
  void authenticatorHooksRunBeforeTheSpawnAndAfterTheStop() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    assertThat(hooks.calls).containsExactly("pre alice/");
    assertThat(lc.stop("alice", "", Duration.ofSeconds(10))).isTrue();
    assertThat(hooks.calls).containsExactly("pre alice/", "post alice/");
  }

  @Test
  void authenticatorPostStopHookRunsAfterAFailedSpawnToo() {
    ServerLifecycle lc = lifecycle(new FailingSpawner("boom"), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    assertThat(lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(5))).isEqualTo(ServerState.FAILED);
    assertThat(hooks.calls).containsExactly("pre alice/", "post alice/");
  }

  @Test
  void startWhileRunningIsRefusedWithTheState() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(10));
    assertThatThrownBy(() -> lc.start(alice, "", Map.of()))
        .isInstanceOf(HttpException.class).hasMessageContaining("already running").hasMessageContaining("RUNNING");
  }

  @Test
  void startTimesOutAndLeavesNoRoute() {
    SlowSpawner slow = new SlowSpawner(Duration.ofMinutes(5));
    ServerLifecycle lc = lifecycle(slow, Duration.ofMillis(300), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.FAILED);
    assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).contains("start_timeout"));
    assertThat(routes.targets).isEmpty();
    assertThat(tokens.ownedBy("user", "alice")).isEmpty();
    assertThat(oauth.client("jupyterhub-user-alice")).isEmpty();
  }

  @Test
  void failingSpawnerFailsAtOnceWithItsMessage() {
    ServerLifecycle lc = lifecycle(new FailingSpawner("no such command: jupyterhub-singleuser"),
        Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(5))).isEqualTo(ServerState.FAILED);
    assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).contains("no such command"));
    assertThat(s.state().stopped()).isTrue();
  }

  @Test
  void aStartIsRequestedThenStepsThenReadyAtTheServerPrefix() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    List<SpawnEvent> seen = new java.util.ArrayList<>();
    s.subscribe(seen::add).run();
    assertThat(seen.getFirst()).isEqualTo(new SpawnEvent.Step(0, "Server requested"));
    assertThat(seen.getLast()).isEqualTo(new SpawnEvent.Ready("/user/alice/"));
    assertThat(seen.subList(0, seen.size() - 1)).allMatch(e -> !e.ends());
  }

  @Test
  void aFailedStartEndsWithTheFailureItKeeps() {
    ServerLifecycle lc = lifecycle(new FailingSpawner("boom"), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(5))).isEqualTo(ServerState.FAILED);
    List<SpawnEvent> seen = new java.util.ArrayList<>();
    s.subscribe(seen::add).run();
    assertThat(seen.getLast()).isEqualTo(new SpawnEvent.Failed(s.failure().orElseThrow()));
    assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("Spawn failed: ").contains("boom"));
  }

  @Test
  void neverReadyServerTimesOutOnHttpAndIsStopped() {
    NeverReadySpawner never = new NeverReadySpawner();
    ServerLifecycle lc = lifecycle(never, Duration.ofSeconds(10), Duration.ofMillis(500), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.FAILED);
    assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).contains("http_timeout"));
    assertThat(never.aliveCount()).isZero();
    assertThat(routes.targets).isEmpty();
  }

  @Test
  void aProxyThatRefusesTheRouteFailsTheStartNamingTheCall() {
    routes.refuseAdds = "proxy answered 500";
    ServerLifecycle lc = lifecycle(new InstantSpawner(), Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThat(lc.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.FAILED);
    assertThat(s.failure()).hasValue("Spawn failed: adding the route /user/alice/ failed: proxy answered 500");
    assertThat(tokens.ownedBy("user", "alice")).isEmpty();
  }

  @Test
  void concurrentSpawnLimitAnswers429() {
    SlowSpawner slow = new SlowSpawner(Duration.ofMinutes(5));
    ServerLifecycle lc = lifecycle(slow, Duration.ofSeconds(30), Duration.ofSeconds(10), 1);
    UserServer bobServer = lc.start(new Users(directory, tokens, Clock.systemUTC()).ensure("bob"), "", Map.of());
    assertThatThrownBy(() -> lc.start(alice, "", Map.of()))
        .isInstanceOfSatisfying(HttpException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryAfterSeconds()).isPresent();
        });
    slow.release();
    lc.awaitStart(bobServer, Duration.ofSeconds(10));
  }

  @Test
  void stopRemovesTheRouteRevokesTheTokenAndEndsTheProcess() {
    InstantSpawner instant = new InstantSpawner();
    ServerLifecycle lc = lifecycle(instant, Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(10));
    assertThat(lc.stop("alice", "", Duration.ofSeconds(10))).isTrue();
    assertThat(routes.targets).isEmpty();
    assertThat(tokens.ownedBy("user", "alice")).isEmpty();
    assertThat(instant.aliveCount()).isZero();
    assertThat(lc.server("alice", "").orElseThrow().state()).isEqualTo(ServerState.STOPPED);
  }

  @Test
  void aServerThatDiesIsNoticedAndItsRouteRemoved() throws Exception {
    InstantSpawner instant = new InstantSpawner();
    ServerLifecycle lc = lifecycle(instant, Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    lc.awaitStart(s, Duration.ofSeconds(10));
    instant.crash(s.saved(), 1);
    for (int i = 0; i < 100 && s.state() != ServerState.STOPPED; i++) Thread.sleep(50);
    assertThat(s.state()).isEqualTo(ServerState.STOPPED);
    assertThat(routes.targets).isEmpty();
  }

  @Test
  void stopAllEndsEveryServerOfAUserBeforeItIsDeleted() {
    InstantSpawner instant = new InstantSpawner();
    ServerLifecycle lc = lifecycle(instant, Duration.ofSeconds(10), Duration.ofSeconds(10), 10);
    lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(10));
    lc.awaitStart(lc.start(alice, "lab", Map.of()), Duration.ofSeconds(10));
    lc.stopAll("alice", Duration.ofSeconds(10));
    assertThat(instant.aliveCount()).isZero();
    assertThat(routes.targets).isEmpty();
    assertThat(lc.server("alice", "")).isEmpty();
  }

  @Test
  void stopAllRefusesWhileAServerIsStarting() {
    SlowSpawner slow = new SlowSpawner(Duration.ofMinutes(5));
    ServerLifecycle lc = lifecycle(slow, Duration.ofSeconds(30), Duration.ofSeconds(10), 10);
    UserServer s = lc.start(alice, "", Map.of());
    assertThatThrownBy(() -> lc.stopAll("alice", Duration.ofSeconds(1))).hasMessageContaining("pending spawn");
    slow.release();
    lc.awaitStart(s, Duration.ofSeconds(10));
  }

  @Test
  void namedServersNeedTheSetting() {
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)),
        TestLifecycleSettings.limits(10, false, 0), TestLifecycleSettings.servers(dir),
        TestLifecycleSettings.noScopes(), false),
        directory, tokens, oauth, new InstantSpawner(),
        hooks, routes, Clock.systemUTC(), () -> {});
    assertThatThrownBy(() -> lifecycle.start(alice, "lab", Map.of())).hasMessageContaining("allow_named_servers");
    assertThatThrownBy(() -> lifecycle.start(alice, "bad name", Map.of())).hasMessageContaining("Invalid server name");
  }
}
