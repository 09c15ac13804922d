package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect login end to end: a real provider (mock-oauth2-server, speaking the protocol with
 * the claims each test gives it), the hub on real sockets, a scripted browser with a cookie jar.
 */
class OidcLoginTest {
  private static final String ISSUER_ID = "corp";
  private static final String CLIENT = "ganymede-hub";
  private MockOAuth2Server provider;

  @TempDir Path dir;

  /** One provider per test: its queue of prepared logins must not leak into the next test. */
  @BeforeEach
  void startProvider() {
    provider = new MockOAuth2Server();
    provider.start();
  }

  @AfterEach
  void stopProvider() {
    provider.shutdown();
  }

  private String issuer() {
    return provider.issuerUrl(ISSUER_ID).toString();
  }

  private RunningHub hub(String... traits) {
    List<String> all = new ArrayList<>(List.of("--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=" + issuer(), "--GenericOAuthenticator.client_id=" + CLIENT,
        "--GenericOAuthenticator.client_secret=not-so-secret",
        "--GenericOAuthenticator.username_claim=preferred_username"));
    all.addAll(List.of(traits));
    return RunningHub.start(dir, all.toArray(String[]::new));
  }

  /** The provider's next login is {@code user} with these extra claims, for this hub. */
  private void nextLogin(String user, Map<String, Object> claims) {
    nextLogin(user, claims, List.of(CLIENT), 3600);
  }

  private void nextLogin(String user, Map<String, Object> claims, List<String> audience, long expirySeconds) {
    Map<String, Object> all = new java.util.HashMap<>(claims);
    all.put("preferred_username", user);
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user + "-subject", "JWT", audience, all,
        expirySeconds));
  }

  /** Follows the login from the hub to the provider and back; returns the hub's answer to the callback. */
  private HttpResponse<String> loginAtProvider(Browser browser) throws Exception {
    HttpResponse<String> toProvider = browser.get("/hub/oauth_login?next=%2Fhub%2Fhome");
    assertThat(toProvider.statusCode()).isEqualTo(302);
    HttpResponse<String> back = browser.get(toProvider.headers().firstValue("Location").orElseThrow());
    assertThat(back.statusCode()).as("the provider sends the browser back with a code").isEqualTo(302);
    return browser.get(back.headers().firstValue("Location").orElseThrow());
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void aUserLogsInAtTheProviderAndLandsOnTheHubWithStatePkceAndNonce() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allowed_users={'alice'}")) {
      Browser browser = new Browser(hub.url(""));
      nextLogin("alice", Map.of());
      HttpResponse<String> toProvider = browser.get("/hub/oauth_login?next=%2Fhub%2Fhome");
      String authorize = location(toProvider);
      assertThat(authorize).startsWith(issuer()).contains("state=", "nonce=", "code_challenge=",
          "code_challenge_method=S256", "client_id=" + CLIENT, "scope=openid");
      assertThat(toProvider.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("oauthenticator-state=")
          && c.toLowerCase(java.util.Locale.ROOT).contains("httponly"));
      HttpResponse<String> back = browser.get(authorize);
      HttpResponse<String> landed = browser.get(location(back));
      assertThat(landed.statusCode()).isEqualTo(302);
      assertThat(location(landed)).isEqualTo("/hub/home");
      assertThat(browser.get("/hub/home").statusCode()).isEqualTo(200);
      assertThat(hub.admin("GET", "/users/alice", null).status()).isEqualTo(200);
      RecordedRequest tokenRequest = takeTokenRequest();
      assertThat(tokenRequest.getBody().readUtf8()).contains("code_verifier=");
    }
  }

  private RecordedRequest takeTokenRequest() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      RecordedRequest r = provider.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) break;
      if (r.getPath() != null && r.getPath().contains("/token")) return r;
    }
    throw new AssertionError("the hub never called the token endpoint");
  }

  /** With enable_auth_state, the provider's tokens are the user's auth state (oauthenticator's shape). */
  @Test
  void theProvidersTokensBecomeTheEncryptedAuthState() throws Exception {
    List<String> traits = new ArrayList<>(List.of("--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=" + issuer(), "--GenericOAuthenticator.client_id=" + CLIENT,
        "--GenericOAuthenticator.client_secret=not-so-secret",
        "--GenericOAuthenticator.username_claim=preferred_username", "--GenericOAuthenticator.allowed_users={'alice'}",
        "--Authenticator.enable_auth_state=True"));
    String key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    try (RunningHub hub = RunningHub.start(dir, Map.of("JUPYTERHUB_CRYPT_KEY", key),
        java.util.function.UnaryOperator.identity(), traits.toArray(String[]::new))) {
      nextLogin("alice", Map.of());
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
      var state = hub.admin("GET", "/users/alice", null).json().get("auth_state");
      assertThat(state.get("access_token").asString()).isNotEmpty();
      assertThat(state.get("id_token").asString()).isNotEmpty();
      assertThat(state.get("oauth_user").get("preferred_username").asString()).isEqualTo("alice");
    }
  }

  @Test
  void anIdentityOutsideTheAllowListIsRefusedAndNoUserIsCreated() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allowed_users={'alice'}")) {
      nextLogin("mallory", Map.of());
      HttpResponse<String> landed = loginAtProvider(new Browser(hub.url("")));
      assertThat(landed.statusCode()).isEqualTo(403);
      assertThat(landed.body()).contains("does not let that account in").doesNotContain("Exception");
      assertThat(hub.admin("GET", "/users/mallory", null).status()).isEqualTo(404);
    }
  }

  @Test
  void theDeprecatedWhitelistStillRestrictsWhoLogsIn() throws Exception {
    // oauthenticator CVE-2020-26250: a whitelist that was silently ignored let everyone in.
    try (RunningHub hub = hub("--Authenticator.whitelist={'alice'}")) {
      nextLogin("eve", Map.of());
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(403);
      assertThat(hub.admin("GET", "/users/eve", null).status()).isEqualTo(404);
    }
  }

  @Test
  void membersOfAllowedGroupsGetInAndAdminGroupsMakeAdmins() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allowed_groups={'staff'}",
        "--GenericOAuthenticator.admin_groups={'ops'}")) {
      nextLogin("carol", Map.of("groups", List.of("staff")));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/carol", null).json().get("admin").booleanValue()).isFalse();
      nextLogin("dave", Map.of("groups", List.of("ops")));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/dave", null).json().get("admin").booleanValue()).isTrue();
      nextLogin("erin", Map.of("groups", List.of("visitors")));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(403);
      assertThat(hub.admin("GET", "/users/erin", null).status()).isEqualTo(404);
    }
  }

  @Test
  void aCallbackWithoutTheBrowsersStateCookieIsRefused() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      Browser victim = new Browser(hub.url(""));
      nextLogin("attacker", Map.of());
      HttpResponse<String> toProvider = victim.get("/hub/oauth_login");
      String callback = location(victim.get(location(toProvider)));
      // Login CSRF: the attacker's callback link opened in a browser that did not start this login.
      HttpResponse<String> other = new Browser(hub.url("")).get(callback);
      assertThat(other.statusCode()).isEqualTo(400);
      assertThat(other.body()).contains("start again from the login page");
      assertThat(hub.admin("GET", "/users/attacker", null).status()).isEqualTo(404);
    }
  }

  @Test
  void aTamperedStateIsRefused() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      Browser browser = new Browser(hub.url(""));
      nextLogin("tess", Map.of());
      String callback = location(browser.get(location(browser.get("/hub/oauth_login"))));
      String tampered = callback.replaceAll("state=([^&]+)", "state=$1x");
      assertThat(browser.get(tampered).statusCode()).isEqualTo(400);
      String missing = callback.replaceAll("state=[^&]+&?", "");
      assertThat(browser.get(missing).statusCode()).isEqualTo(400);
      assertThat(hub.admin("GET", "/users/tess", null).status()).isEqualTo(404);
    }
  }

  @Test
  void aReplayedCallbackDoesNotLogInTwice() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      Browser browser = new Browser(hub.url(""));
      nextLogin("rita", Map.of());
      HttpResponse<String> toProvider = browser.get("/hub/oauth_login");
      String stateCookie = toProvider.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("oauthenticator-state=")).findFirst().orElseThrow().split(";")[0];
      String callback = location(browser.get(location(toProvider)));
      assertThat(browser.get(callback).statusCode()).isEqualTo(302);
      // The same code and state again, with the state cookie put back by hand.
      Browser replay = new Browser(hub.url(""));
      HttpResponse<String> again = replay.http.send(java.net.http.HttpRequest.newBuilder(URI.create(callback))
          .header("Cookie", stateCookie).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("jupyterhub-hub-login=") && !c.contains("Max-Age=0"));
    }
  }

  @Test
  void anIdTokenForAnotherAudienceIsRefused() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      nextLogin("alex", Map.of("aud", List.of("some-other-client")));
      HttpResponse<String> landed = loginAtProvider(new Browser(hub.url("")));
      assertThat(landed.statusCode()).isEqualTo(403);
      assertThat(landed.body()).contains("could not be verified");
      assertThat(hub.admin("GET", "/users/alex", null).status()).isEqualTo(404);
    }
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      // Expired ten minutes ago, beyond any clock skew. The provider derives expires_in from it, so
      // the token response itself is already refused (502) before the ID token's exp is looked at.
      nextLogin("old", Map.of("exp", java.time.Instant.now().minusSeconds(600).getEpochSecond()));
      HttpResponse<String> r = loginAtProvider(new Browser(hub.url("")));
      assertThat(r.statusCode()).isIn(403, 502);
      assertThat(r.body()).contains("Back to the login page");
      assertThat(hub.admin("GET", "/users/old", null).status()).isEqualTo(404);
    }
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      nextLogin("nina", Map.of("nonce", "not-the-one-the-hub-sent"));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(403);
      assertThat(hub.admin("GET", "/users/nina", null).status()).isEqualTo(404);
    }
  }

  @Test
  void deniedConsentIsExplainedInPlainWords() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True")) {
      Browser browser = new Browser(hub.url(""));
      String authorize = location(browser.get("/hub/oauth_login"));
      String state = URI.create(authorize).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
      HttpResponse<String> r = browser.get("/hub/oauth_callback?error=access_denied&state=" + state);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("You declined to share your identity").doesNotContain("at org.");
    }
  }

  @Test
  void aProviderThatIsDownGivesAClearMessage() throws Exception {
    int closed = RunningHub.freePort();
    try (RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=http://127.0.0.1:" + closed + "/down",
        "--GenericOAuthenticator.client_id=x", "--GenericOAuthenticator.allow_all=True")) {
      HttpResponse<String> r = new Browser(hub.url("")).get("/hub/oauth_login");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("identity provider could not be reached");
    }
  }

  @Test
  void theLoginPageShowsOneButtonNamedByLoginService() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.login_service=Example University")) {
      HttpResponse<String> page = new Browser(hub.url("")).get("/hub/login?next=%2Fhub%2Ftoken");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Sign in with Example University")
          .contains("href=\"/hub/oauth_login?next=%2Fhub%2Ftoken\"").doesNotContain("name=\"password\"");
    }
  }

  @Test
  void autoLoginSendsTheBrowserStraightToTheProvider() throws Exception {
    try (RunningHub hub = hub("--Authenticator.auto_login=True")) {
      HttpResponse<String> page = new Browser(hub.url("")).get("/hub/login");
      assertThat(page.statusCode()).isEqualTo(302);
      assertThat(location(page)).isEqualTo("/hub/oauth_login");
    }
  }

  @Test
  void logoutEndsTheSessionAndGoesToLogoutRedirectUrl() throws Exception {
    String endSession = provider.endSessionEndpointUrl(ISSUER_ID).toString();
    try (RunningHub hub = hub("--GenericOAuthenticator.allow_all=True",
        "--GenericOAuthenticator.logout_redirect_url=" + endSession)) {
      Browser browser = new Browser(hub.url(""));
      nextLogin("lou", Map.of());
      assertThat(loginAtProvider(browser).statusCode()).isEqualTo(302);
      assertThat(browser.get("/hub/home").statusCode()).isEqualTo(200);
      HttpResponse<String> out = browser.get("/hub/logout");
      assertThat(location(out)).isEqualTo(endSession);
      assertThat(browser.get("/hub/home").statusCode()).isEqualTo(302);
    }
  }

  @Test
  void existingUsersGetInOnlyWhileAllowExistingUsersSaysSo() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allowed_users={'alice'}")) {
      assertThat(hub.admin("POST", "/users/zed", null).status()).isEqualTo(201);
      nextLogin("zed", Map.of());
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void existingUsersAreRefusedWhenAllowExistingUsersIsFalse() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.allowed_users={'alice'}",
        "--GenericOAuthenticator.allow_existing_users=False")) {
      assertThat(hub.admin("POST", "/users/zed", null).status()).isEqualTo(201);
      nextLogin("zed", Map.of());
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void groupsAreReadFromClaimGroupsKeyOrAuthStateGroupsKey() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.claim_groups_key=roles",
        "--GenericOAuthenticator.allowed_groups={'researchers'}")) {
      nextLogin("rob", Map.of("roles", List.of("researchers"), "groups", List.of("nobody")));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void groupsAtANestedAuthStatePathCount() throws Exception {
    try (RunningHub hub = hub("--GenericOAuthenticator.auth_state_groups_key=oauth_user.org.teams",
        "--GenericOAuthenticator.admin_groups={'root-team'}")) {
      nextLogin("nora", Map.of("org", Map.of("teams", List.of("root-team"))));
      assertThat(loginAtProvider(new Browser(hub.url(""))).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/nora", null).json().get("admin").booleanValue()).isTrue();
    }
  }

  @Test
  void aProviderThatNeverAnswersTimesOutWithAClearMessage() throws Exception {
    try (SilentProvider silent = new SilentProvider();
        RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=generic-oauth",
            "--GenericOAuthenticator.oidc_issuer=" + silent.url(), "--GenericOAuthenticator.client_id=x",
            "--GenericOAuthenticator.allow_all=True")) {
      long started = System.nanoTime();
      HttpResponse<String> r = new Browser(hub.url("")).get("/hub/oauth_login");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("identity provider could not be reached");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(25));
    }
  }

  /** Accepts connections and never answers: a provider that hangs. */
  private static final class SilentProvider implements AutoCloseable {
    private final java.net.ServerSocket socket;
    private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    SilentProvider() throws java.io.IOException {
      socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/silent";
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
      for (java.net.Socket s : held) s.close();
    }
  }
}
