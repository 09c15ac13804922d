package org.ganymede.hub;

import org.ganymede.security.FakeClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.HttpException;
import org.ganymede.model.ServerState;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RouteStore;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.ServerRows;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activity from servers' reports and from the proxy's traffic, on a fake clock. */
class ServerActivityTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  Database db;
  Directory directory;
  Users users;
  FakeClock clock = new FakeClock(T0);
  ActivityNotingRoutes routes = new ActivityNotingRoutes();
  InstantSpawner spawner = new InstantSpawner();
  ServerLifecycle lifecycle;
  ServerActivity activity;

  /** Lets nobody in; the spawn hooks do nothing. */
  static final class NoLoginAuthenticator implements org.ganymede.auth.Authenticator {
    @Override
    public Optional<Identity> authenticate(org.ganymede.auth.Credentials credentials) {
      return Optional.empty();
    }

    @Override
    public String className() {
      return "none";
    }
  }

  /** A route table in memory that, like the proxy, notes each route's last traffic time. */
  static final class ActivityNotingRoutes implements RouteStore {
    final Map<String, ProxyRoute> routes = new ConcurrentHashMap<>();
    final CountDownLatch listed = new CountDownLatch(3);
    final java.util.concurrent.BlockingQueue<String> added = new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public CompletionStage<Void> add(String routespec, String target, Map<String, Object> data) {
      routes.put(routespec, new ProxyRoute(routespec, target, data, Optional.of(T0)));
      added.add(routespec);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> delete(String routespec) {
      routes.remove(routespec);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Map<String, ProxyRoute>> list() {
      listed.countDown();
      return CompletableFuture.completedFuture(Map.copyOf(routes));
    }

    /** Traffic through the route at {@code when}. */
    void traffic(String routespec, Instant when) {
      routes.computeIfPresent(routespec, (k, r) -> new ProxyRoute(k, r.target(), r.data(), Optional.of(when)));
    }
  }

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    Tokens tokens = new Tokens(directory, Clock.systemUTC());
    users = new Users(directory, tokens, clock);
    users.ensure("alice");
    lifecycle = new ServerLifecycle(TestLifecycleSettings.standard(dir), directory, tokens,
        new OAuthProvider(directory, tokens, Clock.systemUTC(), Duration.ofDays(14)), spawner,
        new NoLoginAuthenticator(), routes, clock, () -> {});
    activity = new ServerActivity(directory, users, lifecycle, routes, clock);
  }

  @AfterEach
  void tearDown() {
    activity.close();
    lifecycle.close();
    db.close();
  }

  UserServer running(String server) {
    UserServer s = lifecycle.start(alice(), server, Map.of());
    assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    return s;
  }

  UserRecord alice() {
    return directory.user("alice").orElseThrow();
  }

  Optional<Instant> storedActivity(String server) {
    return db.transaction(ServerRows::all).stream().filter(r -> r.name().equals(server)).findFirst()
        .flatMap(r -> r.lastActivity());
  }

  @Test
  void aServerStartsWithItsStartTimeAsLastActivity() {
    UserServer s = running("");
    assertThat(s.lastActivity()).isEqualTo(T0);
    assertThat(lifecycle.views().newestActivity(alice())).hasValue(T0);
  }

  @Test
  void aReportMovesTheServerAndItsUserForwardAndIsStored() {
    running("");
    Instant later = T0.plusSeconds(90);
    activity.report("alice", Optional.empty(), Map.of("", later));
    assertThat(lifecycle.server("alice", "").orElseThrow().lastActivity()).isEqualTo(later);
    assertThat(alice().lastActivity()).hasValue(later);
    assertThat(storedActivity("")).hasValue(later);
  }

  @Test
  void aReportForANamedServerMovesOnlyThatServer() {
    UserServer main = running("");
    UserServer lab = running("lab");
    activity.report("alice", Optional.of(T0.plusSeconds(5)), Map.of("lab", T0.plusSeconds(60)));
    assertThat(lab.lastActivity()).isEqualTo(T0.plusSeconds(60));
    assertThat(main.lastActivity()).isEqualTo(T0);
    assertThat(alice().lastActivity()).as("the newest of the user's own time and its servers'")
        .hasValue(T0.plusSeconds(60));
  }

  @Test
  void olderActivityNeverMovesTimesBack() throws Exception {
    UserServer s = running("");
    activity.report("alice", Optional.empty(), Map.of("", T0.plusSeconds(300)));
    activity.report("alice", Optional.of(T0.plusSeconds(10)), Map.of("", T0.plusSeconds(10)));
    routes.traffic("/user/alice/", T0.plusSeconds(20));
    activity.pullFromProxy();
    assertThat(s.lastActivity()).isEqualTo(T0.plusSeconds(300));
    assertThat(alice().lastActivity()).hasValue(T0.plusSeconds(300));
    assertThat(storedActivity("")).hasValue(T0.plusSeconds(300));
  }

  @Test
  void aReportForAServerThatDoesNotExistIsRefusedAndRecordsNothing() {
    UserServer s = running("");
    assertThatThrownBy(() -> activity.report("alice", Optional.of(T0.plusSeconds(9)),
        Map.of("", T0.plusSeconds(9), "nope", T0.plusSeconds(9))))
        .isInstanceOf(HttpException.class).hasMessage("No such server 'nope' for user alice");
    assertThat(s.lastActivity()).isEqualTo(T0);
    assertThat(alice().lastActivity()).isEmpty();
  }

  @Test
  void aReportFromMoreThanAnHourAheadIsRefused() {
    running("");
    assertThatThrownBy(() -> activity.report("alice", Optional.empty(), Map.of("", T0.plus(Duration.ofMinutes(60)))))
        .isInstanceOf(HttpException.class)
        .hasMessage("Rejecting activity from more than an hour in the future: 2026-03-01T13:00:00.000000Z");
    activity.report("alice", Optional.empty(), Map.of("", T0.plus(Duration.ofMinutes(58))));
    assertThat(lifecycle.server("alice", "").orElseThrow().lastActivity()).isEqualTo(T0.plus(Duration.ofMinutes(58)));
  }

  @Test
  void trafficThroughTheProxyMovesServerAndUserOnThePull() throws Exception {
    UserServer lab = running("lab");
    clock.advance(Duration.ofMinutes(5));
    routes.traffic("/user/alice/lab/", clock.instant());
    assertThat(lab.lastActivity()).as("the proxy only notes traffic; nothing moves before a pull").isEqualTo(T0);
    activity.pullFromProxy();
    assertThat(lab.lastActivity()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(alice().lastActivity()).hasValue(T0.plus(Duration.ofMinutes(5)));
    assertThat(storedActivity("lab")).hasValue(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void routesOfUnknownServersAndNonUserRoutesAreIgnoredByThePull() throws Exception {
    routes.add("/", "http://127.0.0.1:1", Map.of("hub", true));
    routes.add("/user/bob/", "http://127.0.0.1:2", Map.of("user", "bob", "server_name", ""));
    routes.traffic("/user/bob/", T0.plusSeconds(1));
    activity.pullFromProxy();
    assertThat(directory.user("bob")).isEmpty();
    assertThat(alice().lastActivity()).isEmpty();
  }

  @Test
  void pullsRepeatEveryInterval() throws Exception {
    activity.startPulling(Duration.ofMillis(10));
    assertThat(routes.listed.await(10, TimeUnit.SECONDS)).as("three pulls (and route checks)").isTrue();
  }

  @Test
  void restoredServersKeepTheirStoredActivity() throws Exception {
    running("");
    activity.report("alice", Optional.empty(), Map.of("", T0.plusSeconds(42)));
    lifecycle.close();
    lifecycle = new ServerLifecycle(TestLifecycleSettings.standard(dir), directory,
        new Tokens(directory, Clock.systemUTC()), new OAuthProvider(directory, new Tokens(directory, Clock.systemUTC()),
        Clock.systemUTC(), Duration.ofDays(14)), spawner, new NoLoginAuthenticator(),
        routes, clock, () -> {});
    routes.added.clear();
    lifecycle.restore();
    assertThat(lifecycle.server("alice", "").orElseThrow().lastActivity()).isEqualTo(T0.plusSeconds(42));
    assertThat(routes.added.poll(10, TimeUnit.SECONDS)).as("re-adopted, its route added again").isEqualTo("/user/alice/");
  }
}
