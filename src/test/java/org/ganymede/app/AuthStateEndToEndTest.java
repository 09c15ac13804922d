package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ganymede.auth.fakes.ExpiringTokenAuthenticator;
import org.ganymede.security.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Auth state through the whole hub: a login through the form with a fake provider's tokens (the
 * dummy authenticator under {@link ExpiringTokenAuthenticator}), kept encrypted in the SQLite
 * file, shown by the API only with admin:auth_state, refreshed before a spawn of a real
 * jupyterhub-singleuser whose environment gets the access token, and refused when it expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthStateEndToEndTest {
  static final String KEY = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0fa5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5";
  final FakeClock providerClock = new FakeClock(Instant.now());
  Path dir;
  RunningHub hub;
  ExpiringTokenAuthenticator provider;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("ganymede-authstate");
    Path cmd = dir.resolve("singleuser-with-env-dump");
    Files.writeString(cmd, "#!/bin/sh\nenv > \"" + dir + "/env-$JUPYTERHUB_USER\"\nexec jupyterhub-singleuser \"$@\"\n");
    Files.setPosixFilePermissions(cmd, PosixFilePermissions.fromString("rwx------"));
    hub = RunningHub.start(dir, Map.of("JUPYTERHUB_CRYPT_KEY", KEY), this::provider,
        "--Authenticator.enable_auth_state=True", "--Authenticator.refresh_pre_spawn=True",
        "--Authenticator.auth_refresh_age=3600", "--Spawner.auth_state_env={'ACCESS_TOKEN': 'access_token'}",
        "--JupyterHub.spawner_class=simple", "--SimpleLocalProcessSpawner.home_dir_template="
            + dir.resolve("homes/{username}"), "--Spawner.cmd=" + cmd, "--Spawner.http_timeout=60",
        "--Spawner.start_timeout=60");
  }

  private org.ganymede.auth.Authenticator provider(org.ganymede.auth.Authenticator dummy) {
    provider = new ExpiringTokenAuthenticator(dummy, providerClock, Duration.ofHours(1));
    return provider;
  }

  @AfterAll
  void stop() {
    if (hub != null) {
      hub.admin("DELETE", "/users/as-spawner/server", null);
      hub.close();
    }
  }

  Browser logIn(RunningHub h, String user) throws Exception {
    Browser b = new Browser(h.url(""));
    assertThat(b.login(user, "pw").statusCode()).isEqualTo(302);
    return b;
  }

  String tokenOf(RunningHub h, String user, String... scopes) {
    return h.hub.tokens().issue("user", user, List.of(scopes), "test", Optional.empty(), Optional.empty(),
        "jupyterhub").secret();
  }

  @Test
  void theProviderTokensOfALoginAreKeptEncryptedInTheDatabaseFile() throws Exception {
    logIn(hub, "as-alice");
    JsonNode state = hub.admin("GET", "/users/as-alice", null).json().get("auth_state");
    String accessToken = state.get("access_token").asString();
    assertThat(accessToken).startsWith("access-as-alice-");
    assertThat(state.get("refresh_token").asString()).isEqualTo("refresh-as-alice");

    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jupyterhub.sqlite"));
        var rs = c.createStatement().executeQuery("SELECT encrypted_auth_state FROM users WHERE name = 'as-alice'")) {
      assertThat(rs.next()).isTrue();
      String column = new String(rs.getBytes(1), StandardCharsets.US_ASCII);
      assertThat(column).startsWith("gAAAAA").doesNotContain(accessToken).doesNotContain("refresh-as-alice");
    }
    for (String file : List.of("jupyterhub.sqlite", "jupyterhub.sqlite-wal")) {
      Path p = dir.resolve(file);
      if (!Files.exists(p)) continue;
      assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).as(file)
          .doesNotContain(accessToken).doesNotContain("refresh-as-alice");
    }
  }

  @Test
  void theUserModelShowsAuthStateOnlyWithAdminAuthState() throws Exception {
    logIn(hub, "as-bob");
    var reader = hub.api("GET", "/users/as-bob", tokenOf(hub, "admin", "read:users"), null);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(reader.json().has("name")).isTrue();
    assertThat(reader.json().has("auth_state")).as("read:users alone: %s", reader.body()).isFalse();

    var self = hub.api("GET", "/users/as-bob", tokenOf(hub, "as-bob", "inherit"), null);
    assertThat(self.status()).isEqualTo(200);
    assertThat(self.json().has("auth_state")).as("users do not see their own: %s", self.body()).isFalse();

    var scoped = hub.api("GET", "/users/as-bob",
        tokenOf(hub, "admin", "read:users:name!user=as-bob", "admin:auth_state!user=as-bob"), null);
    assertThat(scoped.json().get("auth_state").get("refresh_token").asString()).isEqualTo("refresh-as-bob");
    var elsewhere = hub.api("GET", "/users/as-alice",
        tokenOf(hub, "admin", "read:users", "admin:auth_state!user=as-bob"), null);
    assertThat(elsewhere.json().has("auth_state")).as("scope filtered to another user").isFalse();
    var alone = hub.api("GET", "/users/as-bob", tokenOf(hub, "admin", "admin:auth_state"), null);
    assertThat(alone.status()).as("as JupyterHub, the GET needs a read scope besides").isEqualTo(404);

    JsonNode list = hub.admin("GET", "/users", null).json();
    for (JsonNode u : list) {
      assertThat(u.has("auth_state")).isTrue();
      assertThat(u.get("auth_state").isNull()).as("lists never fill it, as JupyterHub").isTrue();
    }
  }

  @Test
  void anAdminPatchStoresAuthStateAndAnswersWithIt() {
    assertThat(hub.admin("POST", "/users/as-patched", null).status()).isEqualTo(201);
    var r = hub.admin("PATCH", "/users/as-patched", "{\"auth_state\": {\"access_token\": \"set-by-api\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("auth_state").get("access_token").asString()).isEqualTo("set-by-api");
    assertThat(hub.admin("GET", "/users/as-patched", null).json().get("auth_state").get("access_token").asString())
        .isEqualTo("set-by-api");
    var created = hub.admin("POST", "/users/as-created", "{\"auth_state\": {\"access_token\": \"at-creation\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(hub.admin("GET", "/users/as-created", null).json().get("auth_state").get("access_token").asString())
        .as("kept, where JupyterHub drops it").isEqualTo("at-creation");
    var notAdmin = hub.api("PATCH", "/users/as-patched", tokenOf(hub, "admin", "read:users", "admin:auth_state"),
        "{\"auth_state\": {\"access_token\": \"forged\"}}");
    assertThat(notAdmin.status()).isEqualTo(403);
  }

  @Test
  void aSpawnRefreshesTheExpiredAccessTokenAndHandsItToTheServer() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    logIn(hub, "as-spawner");
    String first = hub.admin("GET", "/users/as-spawner", null).json().get("auth_state").get("access_token").asString();
    providerClock.advance(Duration.ofHours(2));
    var started = hub.admin("POST", "/users/as-spawner/server", null);
    assertThat(started.status()).as(started.body()).isIn(201, 202);
    await(u -> u.path("servers").path("").path("ready").asBoolean());
    String refreshed = hub.admin("GET", "/users/as-spawner", null).json().get("auth_state").get("access_token")
        .asString();
    assertThat(refreshed).isNotEqualTo(first).startsWith("access-as-spawner-");
    assertThat(Files.readAllLines(dir.resolve("env-as-spawner"))).contains("ACCESS_TOKEN=" + refreshed);
    assertThat(hub.admin("DELETE", "/users/as-spawner/server", null).status()).isIn(202, 204);
  }

  @Test
  void aSpawnIsRefusedWhenTheProviderNoLongerRefreshesTheLogin() throws Exception {
    logIn(hub, "as-revoked");
    provider.revokeRefreshToken("as-revoked");
    providerClock.advance(Duration.ofHours(2));
    var r = hub.admin("POST", "/users/as-revoked/server", null);
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.json().get("message").asString()).isEqualTo("auth has expired for as-revoked, login again");
    assertThat(hub.admin("GET", "/users/as-revoked", null).json().path("servers").size()).isZero();
  }

  @Test
  void requestsOfAUserWhoseLoginExpiredAreUnauthenticatedUntilTheyLogInAgain() throws Exception {
    Path other = Files.createTempDirectory("ganymede-authstate-age");
    var ownProvider = new java.util.concurrent.atomic.AtomicReference<ExpiringTokenAuthenticator>();
    try (RunningHub h = RunningHub.start(other, Map.of("JUPYTERHUB_CRYPT_KEY", KEY), dummy -> {
      ownProvider.set(new ExpiringTokenAuthenticator(dummy, providerClock, Duration.ofHours(1)));
      return ownProvider.get();
    }, "--Authenticator.enable_auth_state=True", "--Authenticator.auth_refresh_age=1")) {
      ExpiringTokenAuthenticator provider = ownProvider.get();
      Browser browser = logIn(h, "as-dave");
      String token = tokenOf(h, "as-dave", "inherit");
      assertThat(h.api("GET", "/user", token, null).status()).isEqualTo(200);
      provider.revokeRefreshToken("as-dave");
      providerClock.advance(Duration.ofHours(2));
      // auth_refresh_age is one real second: the first request after it asks the provider.
      Instant deadline = Instant.now().plusSeconds(20);
      while (h.api("GET", "/user", token, null).status() == 200) {
        assertThat(Instant.now()).as("refused within auth_refresh_age").isBefore(deadline);
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertThat(h.api("GET", "/user", token, null).status()).isEqualTo(403);
      var home = browser.get("/hub/home");
      assertThat(home.statusCode()).isEqualTo(302);
      assertThat(home.headers().firstValue("Location").orElseThrow()).contains("/hub/login");

      logIn(h, "as-dave");
      assertThat(h.api("GET", "/user", token, null).status()).as("a new login renews the grant").isEqualTo(200);
    }
  }

  @Test
  void theHubRefusesToStartWithAuthStateOnAndNoUsableKey() throws Exception {
    Path other = Files.createTempDirectory("ganymede-authstate-nokey");
    assertThatThrownBy(() -> RunningHub.start(other, Map.of(), a -> a, "--Authenticator.enable_auth_state=True"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("JUPYTERHUB_CRYPT_KEY")
        .hasMessageContaining("openssl rand -hex 32");
    assertThatThrownBy(() -> RunningHub.start(other, Map.of("JUPYTERHUB_CRYPT_KEY", "not-a-key"), a -> a,
        "--Authenticator.enable_auth_state=True"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("JUPYTERHUB_CRYPT_KEY: key 1 is not 32 bytes")
        .hasMessageNotContaining("not-a-key");
    assertThatThrownBy(() -> RunningHub.start(other, Map.of(), a -> a, "--Spawner.auth_state_env={'T': 'access_token'}"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("Authenticator.enable_auth_state");
    assertThatThrownBy(() -> RunningHub.start(other, Map.of("JUPYTERHUB_CRYPT_KEY", KEY), a -> a,
        "--Authenticator.enable_auth_state=True", "--Spawner.auth_state_env={'JUPYTERHUB_API_TOKEN': 'access_token'}"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("cannot set JUPYTERHUB_API_TOKEN");
  }

  private JsonNode await(Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    while (true) {
      JsonNode user = hub.admin("GET", "/users/as-spawner", null).json();
      if (done.test(user)) return user;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting; user: " + user);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
