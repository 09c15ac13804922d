package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.model.ServerState;
import org.ganymede.spawn.fakes.InstantSpawner;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logout in memory: exactly the session's OAuth tokens go, and servers stop only with shutdown_on_logout. */
class LogoutTest {
  static final String CLIENT = "jupyterhub-user-alice";
  static final String CALLBACK = "/user/alice/oauth_callback";

  @TempDir Path dir;
  Database db;
  Directory directory;
  Tokens tokens;
  OAuthProvider oauth;
  ServerLifecycle lifecycle;
  UserRecord alice;

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, Clock.systemUTC());
    oauth = new OAuthProvider(directory, tokens, Clock.systemUTC(), Duration.ofDays(14));
    Users users = new Users(directory, tokens, Clock.systemUTC());
    alice = users.ensure("alice");
    users.ensure("bob");
    oauth.register(CLIENT, "Server at /user/alice/", "client-secret", CALLBACK, List.of());
    lifecycle = new ServerLifecycle(new LifecycleSettings("/", TestLifecycleSettings.HUB_API,
        TestLifecycleSettings.timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1)),
        TestLifecycleSettings.limits(10, true, 0), TestLifecycleSettings.servers(dir),
        TestLifecycleSettings.noScopes(), false), directory,
        tokens, oauth, new InstantSpawner(), new ServerLifecycleTest.HookRecordingAuthenticator(),
        new ServerLifecycleTest.InMemoryRoutes(), Clock.systemUTC(), () -> {});
  }

  @AfterEach
  void tearDown() {
    lifecycle.close();
    db.close();
  }

  /** An OAuth access token as the token endpoint hands it out after a dance in {@code session}. */
  String oauthToken(String user, String session) {
    return tokens.issue("user", user, List.of("access:servers!server=alice/"), "OAuth token for " + CLIENT,
        Optional.of(Duration.ofDays(14)), Optional.of(session), CLIENT).secret();
  }

  String code(String session) {
    return oauth.issueCode(oauth.client(CLIENT).orElseThrow(), "alice", List.of("read:users:name!user=alice"),
        Optional.of(session), Optional.empty());
  }

  @Test
  void logoutRevokesTheSessionsOAuthTokensAndNothingElse() {
    String thisSession = oauthToken("alice", "session-A");
    String otherBrowser = oauthToken("alice", "session-B");
    String bobsSameSessionId = oauthToken("bob", "session-A");
    String apiToken = tokens.issue("user", "alice", List.of("inherit"), "Requested via token page", Optional.empty(),
        Optional.empty(), Tokens.API_CLIENT).secret();

    new Logout(oauth, lifecycle, false).end("alice", Optional.of("session-A"));

    assertThat(tokens.lookup(thisSession)).isEmpty();
    assertThat(tokens.lookup(otherBrowser)).isPresent();
    assertThat(tokens.lookup(bobsSameSessionId)).isPresent();
    assertThat(tokens.lookup(apiToken)).isPresent();
    assertThat(new Tokens(directory, Clock.systemUTC()).lookup(thisSession)).as("deleted from the store").isEmpty();
  }

  @Test
  void aCodeOfTheSessionNotYetExchangedCannotMintATokenAfterLogout() {
    String inFlight = code("session-A");
    String otherBrowser = code("session-B");

    new Logout(oauth, lifecycle, false).end("alice", Optional.of("session-A"));

    assertThatThrownBy(() -> oauth.exchange(CLIENT, "client-secret", inFlight, CALLBACK, Optional.empty()))
        .isInstanceOf(OAuthProvider.OAuthError.class);
    assertThat(oauth.exchange(CLIENT, "client-secret", otherBrowser, CALLBACK, Optional.empty()).accessToken())
        .isNotEmpty();
  }

  @Test
  void aTokenWhoseRequestWasUnderWayWhenTheSessionLoggedOutStaysRevoked() {
    String token = oauthToken("alice", "session-A");
    var inUse = tokens.lookup(token).orElseThrow();

    new Logout(oauth, lifecycle, false).end("alice", Optional.of("session-A"));
    tokens.touch(inUse); // the request that looked the token up finishes after the logout

    assertThat(tokens.lookup(token)).isEmpty();
  }

  @Test
  void withoutASessionCookieNoTokenIsRevoked() {
    String token = oauthToken("alice", "session-A");
    new Logout(oauth, lifecycle, false).end("alice", Optional.empty());
    assertThat(tokens.lookup(token)).isPresent();
  }

  @Test
  void serversKeepRunningAfterLogoutByDefault() {
    UserServer s = lifecycle.start(alice, "", Map.of());
    assertThat(lifecycle.awaitStart(s, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    new Logout(oauth, lifecycle, false).end("alice", Optional.of("session-A"));
    assertThat(s.state()).isEqualTo(ServerState.RUNNING);
  }

  @Test
  void shutdownOnLogoutStopsEveryRunningServerOfTheUser() {
    UserServer main = lifecycle.start(alice, "", Map.of());
    UserServer named = lifecycle.start(alice, "second", Map.of());
    assertThat(lifecycle.awaitStart(main, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);
    assertThat(lifecycle.awaitStart(named, Duration.ofSeconds(10))).isEqualTo(ServerState.RUNNING);

    new Logout(oauth, lifecycle, true).end("alice", Optional.of("session-A"));

    assertThat(main.state()).isEqualTo(ServerState.STOPPED);
    assertThat(named.state()).isEqualTo(ServerState.STOPPED);
  }
}
