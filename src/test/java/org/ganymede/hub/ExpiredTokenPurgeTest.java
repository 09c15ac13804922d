package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganymede.security.FakeClock;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.OAuthClientRows.OAuthClientRecord;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.TokenRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expired tokens and OAuth codes: refused the instant they expire, purged from the store on schedule. */
class ExpiredTokenPurgeTest {
  static final String CLIENT = "jupyterhub-user-alice";
  static final String CALLBACK = "/user/alice/oauth_callback";

  /** A scheduler that only writes down what it is asked to run; the test runs it by hand. */
  static final class ManualScheduler implements ExpiredTokenPurge.Scheduler {
    final List<Runnable> tasks = new ArrayList<>();
    final List<Duration> intervals = new ArrayList<>();
    boolean closed;

    @Override
    public AutoCloseable every(Duration interval, Runnable task) {
      intervals.add(interval);
      tasks.add(task);
      return () -> closed = true;
    }

    void runAll() {
      tasks.forEach(Runnable::run);
    }
  }

  @TempDir Path dir;
  Database db;
  Directory directory;
  FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  Tokens tokens;
  OAuthProvider oauth;
  ManualScheduler scheduler = new ManualScheduler();

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    tokens = new Tokens(directory, clock);
    oauth = new OAuthProvider(directory, tokens, clock, Duration.ofDays(14));
    new Users(directory, tokens, clock).ensure("alice");
    oauth.register(CLIENT, "Server at /user/alice/", "client-secret", CALLBACK, List.of());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  Tokens.Issued issue(Optional<Duration> expiresIn) {
    return tokens.issue("user", "alice", List.of("read:users:name!user=alice"), "test", expiresIn, Optional.empty(),
        Tokens.API_CLIENT);
  }

  List<Long> storedIds() {
    return db.transaction(TokenRows::all).stream().map(TokenRecord::id).toList();
  }

  String code() {
    OAuthClientRecord client = oauth.client(CLIENT).orElseThrow();
    return oauth.issueCode(client, "alice", List.of("read:users:name!user=alice"), Optional.of("session-1"),
        Optional.empty());
  }

  @Test
  void anExpiredTokenIsRefusedEverywhereBeforeThePurgeRuns() {
    Tokens.Issued shortLived = issue(Optional.of(Duration.ofSeconds(60)));
    assertThat(tokens.lookup(shortLived.secret())).isPresent();

    clock.advance(Duration.ofSeconds(61));
    assertThat(tokens.lookup(shortLived.secret())).isEmpty();
    assertThat(tokens.byId(shortLived.record().id())).isEmpty();
    assertThat(tokens.ownedBy("user", "alice")).isEmpty();
    assertThat(storedIds()).as("still stored until the purge").contains(shortLived.record().id());
  }

  @Test
  void thePurgeRunsAtStartAndHourlyAndDeletesOnlyExpiredTokens() throws Exception {
    Tokens.Issued expiredBeforeStart = issue(Optional.of(Duration.ofSeconds(10)));
    Tokens.Issued expiresLater = issue(Optional.of(Duration.ofMinutes(30)));
    Tokens.Issued forever = issue(Optional.empty());
    clock.advance(Duration.ofSeconds(11));

    ExpiredTokenPurge purge = ExpiredTokenPurge.start(tokens, oauth, scheduler);
    assertThat(storedIds()).as("purged at start").doesNotContain(expiredBeforeStart.record().id())
        .contains(expiresLater.record().id(), forever.record().id());
    assertThat(scheduler.intervals).containsExactly(Duration.ofHours(1));

    clock.advance(Duration.ofMinutes(31));
    scheduler.runAll();
    assertThat(storedIds()).containsExactly(forever.record().id());
    assertThat(new Tokens(directory, clock).lookup(expiresLater.secret())).as("gone after a restart too").isEmpty();
    assertThat(tokens.lookup(forever.secret())).isPresent();

    purge.close();
    assertThat(scheduler.closed).isTrue();
  }

  @Test
  void anExpiredOAuthCodeIsRefusedAndThenPurged() {
    String stale = code();
    String alsoStale = code();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThatThrownBy(() -> oauth.exchange(CLIENT, "client-secret", stale, CALLBACK, Optional.empty()))
        .isInstanceOf(OAuthProvider.OAuthError.class).hasMessageContaining("expired");
    assertThat(oauth.pendingCodes()).isEqualTo(1);
    ExpiredTokenPurge.start(tokens, oauth, scheduler);
    assertThat(oauth.pendingCodes()).as("%s purged", alsoStale.substring(0, 4)).isZero();
  }

  @Test
  void aFreshCodeIsStillExchangedAfterAPurge() {
    String fresh = code();
    ExpiredTokenPurge.start(tokens, oauth, scheduler);
    clock.advance(Duration.ofMinutes(4));
    scheduler.runAll();
    OAuthProvider.Grant grant = oauth.exchange(CLIENT, "client-secret", fresh, CALLBACK, Optional.empty());
    assertThat(tokens.lookup(grant.accessToken())).get().extracting(TokenRecord::sessionId)
        .isEqualTo(Optional.of("session-1"));
  }
}
