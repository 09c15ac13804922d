package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganymede.model.ServerState;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopTimeouts;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle settings that act across servers: consecutive_failure_limit stopping the hub,
 * cleanup_servers at a graceful close, and the scopes of each server's API token.
 */
class ServerLifecycleShutdownTest {
  private static final List<String> SERVER_ROLE = List.of("users:activity!user", "access:servers!server");

  @TempDir Path dir;
  Database db;
  Directory directory;
  Tokens tokens;
  OAuthProvider oauth;
  ServerLifecycleTest.InMemoryRoutes routes = new ServerLifecycleTest.InMemoryRoutes();
  UserRecord alice;
  final AtomicInteger hubStops = new AtomicInteger();
  ServerLifecycle lifecycle;

  /** Servers named "broken" fail to start; every other server starts at once. */
  static final class BrokenNamedServerSpawner implements Spawner {
    final InstantSpawner instant = new InstantSpawner();

    @Override
    public StartedServer start(SpawnRequest request) {
      if (request.server().value().equals("broken")) throw new SpawnException("broken on purpose");
      return instant.start(request);
    }

    @Override
    public Optional<Integer> poll(SavedState state) {
      return instant.poll(state);
    }

    @Override
    public void stop(SavedState state, StopTimeouts timeouts) {
      instant.stop(state, timeouts);
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

  ServerLifecycle lifecycle(Spawner spawner, List<String> serverTokenScopes, int failureLimit, boolean cleanupServers) {
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1)),
        TestLifecycleSettings.limits(0, true, failureLimit), TestLifecycleSettings.servers(dir),
        new LifecycleSettings.Scopes(serverTokenScopes, List.of()), cleanupServers), directory, tokens, oauth, spawner, new ServerLifecycleTest.HookRecordingAuthenticator(),
        routes, Clock.systemUTC(), hubStops::incrementAndGet);
    return lifecycle;
  }

  ServerState spawn(ServerLifecycle lc, String name) {
    return lc.awaitStart(lc.start(alice, name, Map.of()), Duration.ofSeconds(10));
  }

  @Test
  void theHubIsAskedToStopWhenConsecutiveFailuresReachTheLimit() {
    ServerLifecycle lc = lifecycle(new BrokenNamedServerSpawner(), SERVER_ROLE, 3, true);

    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).as("below the limit").hasValue(0);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).as("at the limit").hasValue(1);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).as("asked once").hasValue(1);
  }

  @Test
  void aSuccessfulSpawnResetsTheCount() {
    ServerLifecycle lc = lifecycle(new BrokenNamedServerSpawner(), SERVER_ROLE, 2, true);

    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(spawn(lc, "")).isEqualTo(ServerState.RUNNING);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).as("one failure since the success").hasValue(0);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).hasValue(1);
  }

  @Test
  void aLimitOfZeroNeverStopsTheHub() {
    ServerLifecycle lc = lifecycle(new BrokenNamedServerSpawner(), SERVER_ROLE, 0, true);
    for (int i = 0; i < 5; i++) assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);
    assertThat(hubStops).hasValue(0);
  }

  @Test
  void afterTheLimitTheHubGoesDownLeavingServersRunningAsJupyterHubsExitDoes() {
    BrokenNamedServerSpawner spawner = new BrokenNamedServerSpawner();
    ServerLifecycle lc = lifecycle(spawner, SERVER_ROLE, 1, true);
    assertThat(spawn(lc, "")).isEqualTo(ServerState.RUNNING);
    assertThat(spawn(lc, "broken")).isEqualTo(ServerState.FAILED);

    lc.close();

    assertThat(spawner.instant.aliveCount()).isEqualTo(1);
  }

  @Test
  void aGracefulCloseStopsEveryServerWithCleanupServers() {
    InstantSpawner spawner = new InstantSpawner();
    ServerLifecycle lc = lifecycle(spawner, SERVER_ROLE, 0, true);
    assertThat(spawn(lc, "")).isEqualTo(ServerState.RUNNING);
    assertThat(spawn(lc, "lab")).isEqualTo(ServerState.RUNNING);

    lc.close();

    assertThat(spawner.aliveCount()).isZero();
    assertThat(routes.targets).isEmpty();
    assertThat(tokens.ownedBy("user", "alice")).as("server tokens revoked").isEmpty();
    ServerLifecycle next = lifecycle(spawner, SERVER_ROLE, 0, true);
    next.restore();
    assertThat(next.serversOf("alice")).as("nothing left to re-adopt").isEmpty();
  }

  @Test
  void withoutCleanupServersACloseLeavesServersRunningAndTheNextStartReadoptsThem() {
    InstantSpawner spawner = new InstantSpawner();
    ServerLifecycle lc = lifecycle(spawner, SERVER_ROLE, 0, false);
    assertThat(spawn(lc, "")).isEqualTo(ServerState.RUNNING);

    lc.close();
    assertThat(spawner.aliveCount()).isEqualTo(1);

    ServerLifecycle next = lifecycle(spawner, SERVER_ROLE, 0, false);
    next.restore();
    UserServer s = next.server("alice", "").orElseThrow();
    for (int i = 0; i < 200 && s.state() != ServerState.RUNNING; i++) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
    }
    assertThat(s.state()).isEqualTo(ServerState.RUNNING);
    assertThat(routes.targets).containsKey("/user/alice/");
  }

  @Test
  void theServerTokenGetsTheConfiguredScopesWithServerFiltersBoundToThatServer() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(),
        List.of("users:activity!user", "access:servers!server", "read:users:name!user"), 0, true);
    assertThat(spawn(lc, "lab")).isEqualTo(ServerState.RUNNING);

    assertThat(serverToken().scopes())
        .containsExactly("users:activity!user", "access:servers!server=alice/lab", "read:users:name!user");
  }

  @Test
  void theActivityScopeIsAddedWhenTheConfiguredScopesLackIt() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), List.of("read:users:name!user"), 0, true);
    assertThat(spawn(lc, "")).isEqualTo(ServerState.RUNNING);

    assertThat(serverToken().scopes()).containsExactly("read:users:name!user", "users:activity!user");
  }

  private TokenRecord serverToken() {
    return tokens.ownedBy("user", "alice").stream().filter(t -> t.note().startsWith("Server at "))
        .findFirst().orElseThrow();
  }
}
