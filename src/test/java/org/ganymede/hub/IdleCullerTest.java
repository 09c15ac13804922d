package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.ConfigException;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.model.ServerState;
import org.ganymede.security.FakeClock;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.spawn.fakes.RequestRecordingSpawner;
import org.ganymede.spawn.fakes.SlowSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in culler's decisions, jupyterhub-idle-culler's, on a clock the test moves. */
class IdleCullerTest {
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  @TempDir Path dir;
  FakeClock clock = new FakeClock(Instant.parse("2026-12-04T12:00:00Z"));
  Database db;
  Directory directory;
  Tokens tokens;
  Users users;
  ServerLifecycle lifecycle;
  RequestRecordingSpawner recording = new RequestRecordingSpawner();

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, clock);
    users = new Users(directory, tokens, clock);
  }

  @AfterEach
  void tearDown() {
    if (lifecycle != null) lifecycle.close();
    db.close();
  }

  ServerLifecycle lifecycle(Spawner spawner) {
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1)),
        TestLifecycleSettings.limits(10, true, 0), TestLifecycleSettings.servers(dir),
        TestLifecycleSettings.noScopes(), false), directory, tokens,
        new OAuthProvider(directory, tokens, clock, Duration.ofDays(14)), spawner,
        new ServerLifecycleTest.HookRecordingAuthenticator(), new ServerLifecycleTest.InMemoryRoutes(), clock,
        () -> {});
    return lifecycle;
  }

  IdleCuller culler(Duration maxAge, boolean cullUsers, boolean cullAdminUsers, boolean removeNamed) {
    return culler(new IdleCuller.Rules(TIMEOUT, maxAge, cullUsers, cullAdminUsers, true, true, removeNamed, 2));
  }

  IdleCuller culler(IdleCuller.Rules rules) {
    return new IdleCuller(rules, lifecycle, users, directory, clock);
  }

  UserServer running(String user, String server) {
    UserRecord u = users.ensure(user);
    UserServer s = lifecycle.start(u, server, Map.of());
    assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    return s;
  }

  @Test
  void anIdleServerIsStoppedAfterTheTimeoutWhileOneWithRecentActivitySurvives() {
    lifecycle(recording);
    UserServer idle = running("idle", "");
    UserServer busy = running("busy", "");
    clock.advance(Duration.ofMinutes(6));
    busy.recordActivity(clock.instant()); // a kernel's activity report, as ServerActivity records it
    assertThat(culler(Duration.ZERO, false, true, false).cullOnce().culledServers()).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    IdleCuller.Round round = culler(Duration.ZERO, false, true, false).cullOnce();
    assertThat(round.culledServers()).containsExactly("idle/");
    assertThat(idle.state()).isEqualTo(ServerState.STOPPED);
    assertThat(busy.state()).isEqualTo(ServerState.RUNNING);
    assertThat(users.get("idle")).as("users stay without cull_users").isPresent();
  }

  @Test
  void aPendingServerIsNeverCulled() {
    SlowSpawner slow = new SlowSpawner(Duration.ofMinutes(1));
    lifecycle(slow);
    UserServer pending = lifecycle.start(users.ensure("pending"), "", Map.of());
    clock.advance(TIMEOUT.multipliedBy(3));
    assertThat(culler(Duration.ofMinutes(1), true, true, false).cullOnce())
        .isEqualTo(new IdleCuller.Round(List.of(), List.of()));
    assertThat(pending.state().stopped()).isFalse();
    slow.release();
    assertThat(lifecycle.awaitStart(pending, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
  }

  @Test
  void maxAgeStopsAServerEvenWhileItIsActive() {
    lifecycle(recording);
    UserServer old = running("old", "");
    clock.advance(Duration.ofHours(2));
    old.recordActivity(clock.instant());
    assertThat(culler(Duration.ZERO, false, true, false).cullOnce().culledServers()).isEmpty();
    assertThat(culler(Duration.ofHours(1), false, true, false).cullOnce().culledServers()).containsExactly("old/");
  }

  @Test
  void namedServersAreOnlyStoppedUnlessRemoveNamedServersIsSet() {
    lifecycle(recording);
    running("named", "kept");
    running("named", "removed");
    clock.advance(TIMEOUT);
    culler(Duration.ZERO, false, true, false).cullOnce();
    assertThat(lifecycle.server("named", "kept")).map(UserServer::state).contains(ServerState.STOPPED);

    running("named", "kept");
    clock.advance(TIMEOUT);
    assertThat(culler(Duration.ZERO, false, true, true).cullOnce().culledServers()).containsExactly("named/kept");
    assertThat(lifecycle.server("named", "kept")).isEmpty();
  }

  @Test
  void defaultOrNamedServersAreLeftIdleWhenTheirKindIsNotCulledButMaxAgeStillApplies() {
    lifecycle(recording);
    running("kinds", "");
    running("kinds", "lab");
    clock.advance(TIMEOUT);
    assertThat(culler(new IdleCuller.Rules(TIMEOUT, Duration.ZERO, false, true, false, true, false, 2)).cullOnce()
        .culledServers()).containsExactly("kinds/lab");
    running("kinds", "lab");
    clock.advance(TIMEOUT);
    assertThat(culler(new IdleCuller.Rules(TIMEOUT, Duration.ZERO, false, true, true, false, false, 2)).cullOnce()
        .culledServers()).containsExactly("kinds/");
    UserServer restarted = running("kinds", "");
    clock.advance(TIMEOUT);
    restarted.recordActivity(clock.instant());
    assertThat(culler(new IdleCuller.Rules(TIMEOUT, TIMEOUT, false, true, false, false, false, 2)).cullOnce()
        .culledServers()).containsExactlyInAnyOrder("kinds/", "kinds/lab");
  }

  @Test
  void cullUsersDeletesIdleUsersOnceTheirServersAreStoppedAndSparesAdminsWhenAsked() {
    lifecycle(recording);
    running("temp", "");
    users.ensure("admin-user");
    users.setAdmin("admin-user", true);
    users.ensure("fresh");
    clock.advance(TIMEOUT);
    users.recordActivity("fresh", clock.instant());

    IdleCuller.Round round = culler(Duration.ZERO, true, false, false).cullOnce();
    assertThat(round.culledServers()).containsExactly("temp/");
    assertThat(round.culledUsers()).containsExactly("temp");
    assertThat(users.get("temp")).isEmpty();
    assertThat(users.get("admin-user")).isPresent();
    assertThat(users.get("fresh")).isPresent();

    assertThat(culler(Duration.ZERO, true, true, false).cullOnce().culledUsers()).containsExactly("admin-user");
  }

  /**
   * Starts like {@link InstantSpawner}; each stop waits until {@code awaitedStops} stops are in
   * progress together (or a short while passes), and notes the most that ever were.
   */
  static final class StopCountingSpawner implements Spawner {
    final InstantSpawner instant = new InstantSpawner();
    final java.util.concurrent.CountDownLatch together;
    final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();

    StopCountingSpawner(int awaitedStops) {
      together = new java.util.concurrent.CountDownLatch(awaitedStops);
    }

    @Override
    public org.ganymede.spawn.StartedServer start(org.ganymede.spawn.SpawnRequest request) {
      return instant.start(request);
    }

    @Override
    public Optional<Integer> poll(org.ganymede.spawn.SavedState state) {
      return instant.poll(state);
    }

    @Override
    public void stop(org.ganymede.spawn.SavedState state, org.ganymede.spawn.StopTimeouts timeouts) {
      most.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
      together.countDown();
      try {
        together.await(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inProgress.decrementAndGet();
      instant.stop(state, timeouts);
    }
  }

  @Test
  void noMoreThanConcurrencyServersAreStoppedAtOnce() {
    StopCountingSpawner spawner = new StopCountingSpawner(3);
    lifecycle(spawner);
    for (int i = 0; i < 4; i++) running("many" + i, "");
    clock.advance(TIMEOUT);
    // concurrency 2: a third stop would release the first two at once; with the bound they wait it out.
    assertThat(culler(Duration.ZERO, false, true, false).cullOnce().culledServers()).hasSize(4);
    assertThat(spawner.most.get()).isEqualTo(2);
  }

  @Test
  void aTimeoutOfZeroOrLessIsRefusedAtStartNamingTheSetting() {
    for (String timeout : List.of("0", "-5")) {
      assertThatThrownBy(() -> ConfigLoader.load(new ConfigSources(Optional.empty(),
          List.of("--IdleCuller.enabled=True", "--IdleCuller.timeout=" + timeout), Map.of())))
          .isInstanceOf(ConfigException.class).hasMessageContaining("IdleCuller.timeout");
    }
    assertThatThrownBy(() -> new IdleCuller.Rules(Duration.ZERO, Duration.ZERO, false, true, true, true, false, 10))
        .hasMessageContaining("IdleCuller.timeout");
  }
}
