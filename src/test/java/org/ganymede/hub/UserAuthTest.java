package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.ganymede.auth.Authenticator.Identity;
import org.ganymede.auth.Credentials;
import org.ganymede.auth.LoginResult;
import org.ganymede.auth.dummy.DummyAuthenticator;
import org.ganymede.auth.fakes.ExpiringTokenAuthenticator;
import org.ganymede.http.HttpException;
import org.ganymede.model.ServerState;
import org.ganymede.security.CryptKeeper;
import org.ganymede.security.FakeClock;
import org.ganymede.spawn.fakes.RequestRecordingSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshing a login as JupyterHub 5 does: on requests older than auth_refresh_age, before spawns
 * with refresh_pre_spawn, and the auth state's variables in the server's environment.
 */
class UserAuthTest {
  static final String KEY = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0fa5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5";

  @TempDir Path dir;
  Database db;
  Directory directory;
  Users users;
  AuthStates states;
  final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T12:00:00Z"));
  ExpiringTokenAuthenticator provider;

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    Tokens tokens = new Tokens(directory, clock);
    users = new Users(directory, tokens, clock);
    states = AuthStates.encrypted(directory, CryptKeeper.fromEnvironment(KEY, clock).orElseThrow());
    provider = new ExpiringTokenAuthenticator(new DummyAuthenticator(Optional.empty()), clock, Duration.ofHours(1));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  UserAuth userAuth(Duration age, boolean beforeSpawn, Map<String, String> env) {
    return new UserAuth(new UserAuth.Settings(age, beforeSpawn, env), provider, states, users, clock);
  }

  /** Logs alice in through the fake provider as the login page does. */
  void logIn(UserAuth auth, String name) {
    Identity id;
    try (Credentials c = new Credentials(name, "pw".toCharArray(), "127.0.0.1")) {
      id = provider.authenticate(c).orElseThrow();
    }
    auth.logIn(new LoginResult.Allowed(id.name(), false, Optional.empty(), id.authState()));
  }

  @Test
  void aLoginKeepsItsAuthStateAndCountsAsAFreshCheck() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), false, Map.of());
    logIn(auth, "alice");
    assertThat(states.get("alice")).get().extracting(s -> s.get("access_token")).isEqualTo("access-alice-1");
    clock.advance(Duration.ofMinutes(4));
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(provider.refreshes()).as("within auth_refresh_age nothing is asked").isZero();
  }

  @Test
  void aRequestAfterTheRefreshAgeRenewsTheExpiredAccessToken() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), false, Map.of());
    logIn(auth, "alice");
    clock.advance(Duration.ofMinutes(6));
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(provider.refreshes()).isEqualTo(1);
    assertThat(states.get("alice").orElseThrow().get("access_token")).as("token still valid: kept")
        .isEqualTo("access-alice-1");

    clock.advance(Duration.ofHours(1));
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(states.get("alice").orElseThrow()).containsEntry("access_token", "access-alice-2")
        .containsEntry("refresh_token", "refresh-alice");
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(provider.refreshes()).as("checked again only after another refresh age").isEqualTo(2);
  }

  @Test
  void aRefreshThatFindsTheLoginExpiredMakesRequestsUnauthenticatedUntilTheNextLogin() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), false, Map.of());
    logIn(auth, "alice");
    provider.revokeRefreshToken("alice");
    clock.advance(Duration.ofHours(2));
    assertThat(auth.stillValid("alice")).isFalse();
    assertThat(auth.stillValid("alice")).as("every request asks again").isFalse();
    logIn(auth, "alice");
    assertThat(auth.stillValid("alice")).isTrue();
  }

  @Test
  void theSpiRecordsNeverShowTheTokensWhenPrinted() {
    Identity id;
    try (Credentials c = new Credentials("alice", "pw".toCharArray(), "127.0.0.1")) {
      id = provider.authenticate(c).orElseThrow();
    }
    var allowed = new LoginResult.Allowed("alice", false, Optional.empty(), id.authState());
    var updated = new org.ganymede.auth.Authenticator.Refresh.Updated(Optional.empty(), id.authState());
    for (Object o : new Object[] {id, allowed, updated}) {
      assertThat(o.toString()).contains("access_token").doesNotContain("access-alice").doesNotContain("refresh-alice");
    }
  }

  @Test
  void aRefreshMayChangeAdmin() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), false, Map.of());
    logIn(auth, "alice");
    assertThat(users.require("alice").admin()).isFalse();
    provider.grantAdminOnRefresh("alice");
    clock.advance(Duration.ofMinutes(6));
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(users.require("alice").admin()).isTrue();
  }

  @Test
  void refreshAgeZeroNeverRefreshesRequestsButRefreshPreSpawnStillDoes() {
    UserAuth auth = userAuth(Duration.ZERO, true, Map.of());
    logIn(auth, "alice");
    provider.revokeRefreshToken("alice");
    clock.advance(Duration.ofDays(3));
    assertThat(auth.stillValid("alice")).isTrue();
    assertThat(provider.refreshes()).isZero();
    assertThatThrownBy(() -> auth.checkBeforeSpawn("alice")).isInstanceOfSatisfying(HttpException.class,
        e -> assertThat(e.status()).isEqualTo(403)).hasMessage("auth has expired for alice, login again");
  }

  @Test
  void withoutRefreshPreSpawnASpawnDoesNotAsk() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), false, Map.of());
    logIn(auth, "alice");
    auth.checkBeforeSpawn("alice");
    assertThat(provider.refreshes()).isZero();
  }

  @Test
  void aSpawnWithAnExpiredLoginIsRefusedBeforeAnythingStarts() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), true, Map.of("ACCESS_TOKEN", "access_token"));
    logIn(auth, "alice");
    RequestRecordingSpawner spawner = new RequestRecordingSpawner();
    try (ServerLifecycle lifecycle = lifecycle(spawner, auth)) {
      provider.revokeRefreshToken("alice");
      clock.advance(Duration.ofHours(2));
      assertThatThrownBy(() -> lifecycle.start(users.require("alice"), "", Map.of()))
          .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(403));
      assertThat(lifecycle.server("alice", "").map(UserServer::state).orElse(ServerState.STOPPED))
          .isEqualTo(ServerState.STOPPED);
      assertThat(spawner.requests()).isEmpty();
    }
  }

  @Test
  void theServerGetsTheFreshAccessTokenInTheVariableAuthStateEnvNames() {
    UserAuth auth = userAuth(Duration.ofMinutes(5), true,
        Map.of("ACCESS_TOKEN", "access_token", "TOKEN_SCOPE", "scope", "MISSING", "id_token"));
    logIn(auth, "alice");
    RequestRecordingSpawner spawner = new RequestRecordingSpawner();
    try (ServerLifecycle lifecycle = lifecycle(spawner, auth)) {
      clock.advance(Duration.ofHours(2));
      UserServer s = lifecycle.start(users.require("alice"), "", Map.of());
      assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
      Map<String, String> env = spawner.requests().get(0).hubEnv();
      assertThat(env).containsEntry("ACCESS_TOKEN", "access-alice-2")
          .containsEntry("TOKEN_SCOPE", "[\"openid\",\"profile\"]")
          .doesNotContainKey("MISSING")
          .containsKey("JUPYTERHUB_API_TOKEN");
      lifecycle.stop("alice", "", Duration.ofSeconds(10));
    }
  }

  ServerLifecycle lifecycle(RequestRecordingSpawner spawner, UserAuth auth) {
    Tokens tokens = new Tokens(directory, clock);
    return new ServerLifecycle(TestLifecycleSettings.standard(dir), directory, tokens,
        new OAuthProvider(directory, tokens, clock, Duration.ofDays(14)), spawner, provider, auth,
        new ServerLifecycleTest.InMemoryRoutes(), clock, () -> {}, HubMetrics.withoutJvm(directory, clock));
  }
}
