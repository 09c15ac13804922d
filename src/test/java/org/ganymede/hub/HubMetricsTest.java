package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.http.HttpException;
import org.ganymede.model.ServerState;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.fakes.FailingSpawner;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.spawn.fakes.SlowSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the lifecycle records under JupyterHub's metric names, read back from the text Prometheus scrapes. */
class HubMetricsTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @TempDir Path dir;
  Database db;
  Directory directory;
  Tokens tokens;
  OAuthProvider oauth;
  Users users;
  ServerLifecycleTest.InMemoryRoutes routes = new ServerLifecycleTest.InMemoryRoutes();
  HubMetrics metrics;
  ServerLifecycle lifecycle;
  UserRecord alice;

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, Clock.systemUTC());
    oauth = new OAuthProvider(directory, tokens, Clock.systemUTC(), Duration.ofDays(14));
    users = new Users(directory, tokens, Clock.systemUTC());
    alice = users.ensure("alice");
    metrics = HubMetrics.withoutJvm(directory, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    if (lifecycle != null) lifecycle.close();
    db.close();
  }

  ServerLifecycle lifecycle(Spawner spawner, int concurrentSpawnLimit, int activeServerLimit) {
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1)),
        new LifecycleSettings.Limits(concurrentSpawnLimit, activeServerLimit, new ServerLifecycle.NamedServers(true, 0),
            0),
        TestLifecycleSettings.servers(dir), TestLifecycleSettings.noScopes(), false), directory, tokens, oauth,
        spawner, new ServerLifecycleTest.HookRecordingAuthenticator(), SpawnAuth.NONE, routes, Clock.systemUTC(), () -> {},
        metrics);
    return lifecycle;
  }

  @Test
  void everyStatusLabelExistsBeforeAnythingHappens() {
    String text = scrape();
    for (String status : new String[] {"success", "failure", "already-pending", "throttled", "too-many-users"}) {
      assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"" + status + "\"}")).isZero();
    }
    for (String name : new String[] {"jupyterhub_server_stop_seconds", "jupyterhub_proxy_add_duration_seconds",
        "jupyterhub_proxy_delete_duration_seconds"}) {
      assertThat(value(text, name + "_count{status=\"success\"}")).isZero();
      assertThat(value(text, name + "_count{status=\"failure\"}")).isZero();
    }
    assertThat(text).contains("# TYPE jupyterhub_server_spawn_duration_seconds histogram",
        "jupyterhub_server_spawn_duration_seconds_bucket{status=\"success\",le=\"600.0\"} 0",
        "# TYPE jupyterhub_server_stop_seconds histogram", "# TYPE jupyterhub_check_routes_duration_seconds histogram",
        "# TYPE jupyterhub_hub_startup_duration_seconds histogram", "# TYPE jupyterhub_total_users gauge",
        "# TYPE jupyterhub_active_users gauge");
  }

  @Test
  void aSpawnThenAStopAreCountedAsSuccessesWithTheirRouteCalls() {
    ServerLifecycle lc = lifecycle(new InstantSpawner(), 10, 0);
    assertThat(lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    String running = scrape();
    assertThat(value(running, "jupyterhub_server_spawn_duration_seconds_count{status=\"success\"}")).isEqualTo(1);
    assertThat(value(running, "jupyterhub_proxy_add_duration_seconds_count{status=\"success\"}")).isEqualTo(1);
    assertThat(value(running, "jupyterhub_running_servers")).isEqualTo(1);

    assertThat(lc.stop("alice", "", Duration.ofSeconds(10))).isTrue();
    String stopped = scrape();
    assertThat(value(stopped, "jupyterhub_server_stop_seconds_count{status=\"success\"}")).isEqualTo(1);
    assertThat(value(stopped, "jupyterhub_proxy_delete_duration_seconds_count{status=\"success\"}")).isEqualTo(1);
    assertThat(value(stopped, "jupyterhub_running_servers")).isZero();
  }

  @Test
  void aFailedSpawnIsCountedAsAFailureAndNotAsAStop() {
    ServerLifecycle lc = lifecycle(new FailingSpawner("boom"), 10, 0);
    assertThat(lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(5))).isEqualTo(ServerState.FAILED);
    String text = scrape();
    assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"failure\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_server_stop_seconds_count{status=\"success\"}")).isZero();
  }

  @Test
  void aRefusedRouteIsAProxyAddFailureAndASpawnFailure() {
    routes.refuseAdds = "proxy says no";
    ServerLifecycle lc = lifecycle(new InstantSpawner(), 10, 0);
    assertThat(lc.awaitStart(lc.start(alice, "", Map.of()), Duration.ofSeconds(5))).isEqualTo(ServerState.FAILED);
    String text = scrape();
    assertThat(value(text, "jupyterhub_proxy_add_duration_seconds_count{status=\"failure\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"failure\"}")).isEqualTo(1);
  }

  @Test
  void spawnsRefusedByLimitsAreCountedAsJupyterHubNamesThem() {
    UserRecord bob = users.ensure("bob");
    UserRecord carol = users.ensure("carol");
    SlowSpawner slow = new SlowSpawner(Duration.ofMinutes(1));
    ServerLifecycle lc = lifecycle(slow, 1, 0);
    lc.start(alice, "", Map.of());
    assertThatThrownBy(() -> lc.start(alice, "", Map.of())).isInstanceOf(HttpException.class);
    assertThatThrownBy(() -> lc.start(bob, "", Map.of())).isInstanceOf(HttpException.class);
    String text = scrape();
    assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"already-pending\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"throttled\"}")).isEqualTo(1);
    slow.release();
    lc.close();
    lifecycle = null;

    HubMetrics second = HubMetrics.withoutJvm(directory, Clock.systemUTC());
    metrics = second;
    ServerLifecycle limited = lifecycle(new InstantSpawner(), 10, 1);
    assertThat(limited.awaitStart(limited.start(bob, "", Map.of()), Duration.ofSeconds(10)))
        .isEqualTo(ServerState.RUNNING);
    assertThatThrownBy(() -> limited.start(carol, "", Map.of())).isInstanceOf(HttpException.class);
    assertThat(value(scrape(), "jupyterhub_server_spawn_duration_seconds_count{status=\"too-many-users\"}"))
        .isEqualTo(1);
  }

  @Test
  void usersAreCountedInTotalAndByTheLastDayWeekAndMonthOfActivity() {
    users.ensure("dormant");
    record(users.ensure("today"), NOW.minus(Duration.ofHours(1)));
    record(users.ensure("lastweek"), NOW.minus(Duration.ofDays(3)));
    record(users.ensure("lastmonth"), NOW.minus(Duration.ofDays(20)));
    record(users.ensure("lastyear"), NOW.minus(Duration.ofDays(200)));
    String text = scrape();
    assertThat(value(text, "jupyterhub_total_users")).isEqualTo(6); // alice, dormant and the four above
    assertThat(value(text, "jupyterhub_active_users{period=\"24h\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_active_users{period=\"7d\"}")).isEqualTo(2);
    assertThat(value(text, "jupyterhub_active_users{period=\"30d\"}")).isEqualTo(3);
  }

  @Test
  void aCheckOfTheRoutesIsTimedWithItsPollOfTheProxy() {
    lifecycle(new InstantSpawner(), 10, 0).syncRoutes();
    String text = scrape();
    assertThat(value(text, "jupyterhub_check_routes_duration_seconds_count")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_proxy_poll_duration_seconds_count")).isEqualTo(1);
  }

  @Test
  void requestsAreCountedByMethodHandlerAndCode() {
    metrics.request("GET", "/hub/api/users/:name", 404, 2_000_000);
    metrics.request("GET", "/hub/api/users/:name", 404, 3_000_000);
    String text = scrape();
    assertThat(value(text,
        "jupyterhub_request_duration_seconds_count{code=\"404\",handler=\"/hub/api/users/:name\",method=\"GET\"}"))
        .isEqualTo(2);
    assertThat(value(text,
        "jupyterhub_request_duration_seconds_bucket{code=\"404\",handler=\"/hub/api/users/:name\",method=\"GET\",le=\"0.005\"}"))
        .isEqualTo(2);
  }

  private void record(UserRecord user, Instant when) {
    users.recordActivity(user.name(), when);
  }

  private String scrape() {
    return new String(metrics.scrape(), StandardCharsets.UTF_8);
  }

  /** The value of the one sample named exactly {@code series} (name and labels as exposed). */
  static double value(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("series %s in%n%s", series, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
