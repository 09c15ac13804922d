package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.model.ServerState;
import org.ganymede.spawn.fakes.RequestRecordingSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.ServerRows;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** user_options: from a form, checked, handed to the spawner, kept with the server. */
class UserOptionsTest {
  @TempDir Path dir;
  Database db;
  Directory directory;
  Tokens tokens;
  RequestRecordingSpawner spawner = new RequestRecordingSpawner();
  ServerActivityTest.ActivityNotingRoutes routes = new ServerActivityTest.ActivityNotingRoutes();
  ServerLifecycle lifecycle;
  UserRecord alice;

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, Clock.systemUTC());
    alice = new Users(directory, tokens, Clock.systemUTC()).ensure("alice");
    lifecycle = newLifecycle();
  }

  ServerLifecycle newLifecycle() {
    return new ServerLifecycle(TestLifecycleSettings.standard(dir), directory, tokens,
        new OAuthProvider(directory, tokens, Clock.systemUTC(), Duration.ofDays(14)), spawner,
        new ServerActivityTest.NoLoginAuthenticator(), routes, Clock.systemUTC(), () -> {});
  }

  @AfterEach
  void tearDown() {
    lifecycle.close();
    db.close();
  }

  @Test
  void formFieldsBecomeListsOfStringsInTheirOrderWithoutTheXsrfToken() {
    Map<String, Object> options = UserOptions.fromForm(List.of(new SimpleEntry<>("_xsrf", "secret"),
        new SimpleEntry<>("image", "scipy"), new SimpleEntry<>("letter", "B"), new SimpleEntry<>("letter", "A"),
        new SimpleEntry<>("empty", "")));
    assertThat(Json.write(options)).isEqualTo("{\"image\":[\"scipy\"],\"letter\":[\"B\",\"A\"],\"empty\":[\"\"]}");
  }

  @Test
  void optionsReachTheSpawnerAndAreStoredAndShownWithTheServer() {
    Map<String, Object> options = new HashMap<>(Map.of("image", List.of("scipy"), "cpus", 2));
    options.put("nothing", null);
    UserServer s = lifecycle.start(alice, "lab", options);
    assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    assertThat(spawner.last().userOptions()).isEqualTo(options);
    assertThat(s.model("/", false).get("user_options")).isEqualTo(options);
    String stored = db.transaction(ServerRows::all).get(0).userOptionsJson();
    assertThat(Json.toMap(Json.MAPPER.readTree(stored))).isEqualTo(options);
  }

  @Test
  void optionsSurviveAHubRestart() throws Exception {
    UserServer s = lifecycle.start(alice, "", Map.of("image", List.of("r")));
    assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    lifecycle.close();
    lifecycle = newLifecycle();
    routes.added.clear();
    lifecycle.restore();
    assertThat(lifecycle.server("alice", "").orElseThrow().userOptions()).isEqualTo(Map.of("image", List.of("r")));
    assertThat(routes.added.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("/user/alice/");
  }

  @Test
  void tooLargeOptionsAreRefusedNamingTheLargestFieldAndStartNothing() {
    Map<String, Object> huge = Map.of("small", "x", "blob<b>", "y".repeat(UserOptions.MAX_JSON_BYTES));
    assertThatThrownBy(() -> lifecycle.start(alice, "", huge)).isInstanceOf(HttpException.class)
        .hasMessageStartingWith("user_options too large: ").hasMessageContaining("at most 65536")
        .hasMessageEndingWith("the largest field is 'blob<b>'")
        .satisfies(e -> assertThat(((HttpException) e).status()).isEqualTo(400));
    assertThat(spawner.requests()).isEmpty();
    assertThat(lifecycle.server("alice", "")).as("nothing half-started").isEmpty();
  }
}
