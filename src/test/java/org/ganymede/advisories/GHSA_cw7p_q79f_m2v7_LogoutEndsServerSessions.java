package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.ganymede.http.Json;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * GHSA-cw7p-q79f-m2v7 / CVE-2021-41247: logout must be authoritative. A real
 * {@code jupyterhub-singleuser} server holds, in its own cookie, the OAuth token the hub gave it
 * during the browser session; after {@code /hub/logout} the hub refuses that token, so neither
 * the server's cookie nor a fresh OAuth dance brings the session back. Another browser's session,
 * the user's API tokens and (by default) the server itself are untouched.
 *
 * <p>One scenario for the class (spawning is slow): two browsers of the same user open the server,
 * then the first logs out; each test checks one consequence.
 */
@Tag("root")
@Tag("jupyterhub")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GHSA_cw7p_q79f_m2v7_LogoutEndsServerSessions {
  Path dir;
  ThrowAwayAccount account;
  String uid;
  AdvisoryHub hub;
  String user;
  AdvisoryHub.Browser loggedOut;
  AdvisoryHub.Browser otherBrowser;
  String loggedOutToken;
  String loggedOutSession;
  String otherToken;
  String otherSession;
  String apiToken;
  int userApiBeforeLogout;
  int otherTokenBeforeLogout;

  @BeforeAll
  void oneUserOpensTheServerInTwoBrowsersThenTheFirstLogsOut() throws Exception {
    assumeTrue(Shell.isRoot(), "needs root: creates a Unix user for the server");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    account = ThrowAwayAccount.create("gna8lo");
    uid = account.uid();
    user = account.name;
    dir = Files.createTempDirectory("advisory-a8");
    hub = AdvisoryHub.start(dir, "", "--Spawner.http_timeout=90", "--Spawner.start_timeout=60");
    loggedOut = loggedIn();
    hub.startServerAndAwaitReady(user);
    openServer(loggedOut);
    loggedOutToken = serverCookieToken(loggedOut);
    loggedOutSession = loggedOut.cookie("jupyterhub-session-id").orElseThrow();
    otherBrowser = openServer();
    otherToken = serverCookieToken(otherBrowser);
    otherSession = otherBrowser.cookie("jupyterhub-session-id").orElseThrow();
    apiToken = Json.MAPPER.readTree(hub.api("POST", "/users/" + user + "/tokens", hub.adminToken,
        "{\"note\": \"made on the token page\"}").body()).get("token").asString();
    userApiBeforeLogout = userApi(loggedOutToken).statusCode();
    otherTokenBeforeLogout = userApi(otherToken).statusCode();

    HttpResponse<String> logout = loggedOut.get(hub.url("/hub/logout"));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location")).hasValue("/hub/login");
  }

  @AfterAll
  void tearDown() throws Exception {
    if (hub != null) {
      hub.api("DELETE", "/users/" + user + "/server", hub.adminToken, null);
      hub.close();
    }
    if (account != null) {
      account.close();
      Shell.run("sh", "-c", "rm -rf --one-file-system /tmp/ganymede-" + uid + "-*");
    }
  }

  AdvisoryHub.Browser loggedIn() throws Exception {
    AdvisoryHub.Browser b = AdvisoryHub.Browser.create();
    assertThat(b.login(hub, user, "x", null).statusCode()).isEqualTo(302);
    return b;
  }

  /** A fresh browser logs in and opens the server. */
  AdvisoryHub.Browser openServer() throws Exception {
    return openServer(loggedIn());
  }

  /** The browser opens the server: the OAuth dance ends on the server's own page. */
  AdvisoryHub.Browser openServer(AdvisoryHub.Browser b) throws Exception {
    AdvisoryHub.Browser.Walk walk = b.follow(hub.url("/user/" + user + "/"));
    assertThat(walk.last().statusCode()).as("visited %s", walk.visited()).isEqualTo(200);
    assertThat(walk.anyVisit("/hub/api/oauth2/authorize")).as("visited %s", walk.visited()).isTrue();
    assertThat(walk.anyVisit("/oauth_callback?code=")).as("visited %s", walk.visited()).isTrue();
    return b;
  }

  /**
   * The OAuth access token inside the server's {@code jupyterhub-user-NAME} cookie: a Tornado
   * signed cookie, {@code 2|1:0|10:time|N:name|N:base64(token)|signature} (signed, not encrypted).
   */
  String serverCookieToken(AdvisoryHub.Browser b) {
    String cookie = b.cookie("jupyterhub-user-" + user).orElseThrow(() -> new AssertionError("no server cookie"));
    String rest = cookie.substring("2|".length());
    String[] fields = new String[4];
    for (int i = 0; i < 4; i++) {
      int colon = rest.indexOf(':');
      int length = Integer.parseInt(rest.substring(0, colon));
      fields[i] = rest.substring(colon + 1, colon + 1 + length);
      rest = rest.substring(colon + 1 + length + 1);
    }
    return new String(Base64.getDecoder().decode(fields[3]), StandardCharsets.US_ASCII);
  }

  HttpResponse<String> userApi(String token) throws Exception {
    return hub.api("GET", "/user", token, null);
  }

  List<JsonNode> oauthTokensOf(String session) throws Exception {
    JsonNode listed = Json.MAPPER.readTree(hub.api("GET", "/users/" + user + "/tokens", hub.adminToken, null).body());
    return listed.get("api_tokens").valueStream()
        .filter(t -> t.path("oauth_client").asString("").equals("jupyterhub-user-" + user))
        .filter(t -> t.path("session_id").asString("").equals(session))
        .toList();
  }

  @Test
  void theHubRefusesTheSessionsOAuthTokenAfterLogout() throws Exception {
    assertThat(userApiBeforeLogout).as("the token from the server's cookie worked before").isEqualTo(200);
    assertThat(userApi(loggedOutToken).statusCode()).isEqualTo(403);
    assertThat(oauthTokensOf(loggedOutSession)).as("gone from the token list").isEmpty();
  }

  @Test
  void theServerNoLongerAcceptsItsOwnCookieAndSendsTheBrowserToTheHubLogin() throws Exception {
    assertThat(loggedOut.cookie("jupyterhub-user-" + user)).as("the server's cookie is still in the jar").isPresent();
    AdvisoryHub.Browser.Walk walk = loggedOut.follow(hub.url("/user/" + user + "/tree"));
    assertThat(walk.anyVisit("code=")).as("visited %s", walk.visited()).isFalse();
    assertThat(URI.create(walk.visited().getLast()).getPath()).as("visited %s", walk.visited()).isEqualTo("/hub/login");
  }

  @Test
  void aFreshAuthorizeWithoutHubCookiesGoesToTheLoginPageNeverToACode() throws Exception {
    String authorize = hub.url("/hub/api/oauth2/authorize?client_id=jupyterhub-user-" + user + "&redirect_uri="
        + URLEncoder.encode("/user/" + user + "/oauth_callback", StandardCharsets.UTF_8)
        + "&response_type=code&state=after-logout");
    for (AdvisoryHub.Browser b : List.of(loggedOut, AdvisoryHub.Browser.create())) {
      HttpResponse<String> r = b.get(authorize);
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/hub/login?next=").doesNotContain("code=");
    }
  }

  @Test
  void anotherBrowsersSessionAndTheUsersApiTokensStayValid() throws Exception {
    assertThat(otherTokenBeforeLogout).isEqualTo(200);
    assertThat(userApi(otherToken).statusCode()).isEqualTo(200);
    assertThat(oauthTokensOf(otherSession)).hasSize(1);
    assertThat(userApi(apiToken).statusCode()).isEqualTo(200);
    AdvisoryHub.Browser.Walk walk = otherBrowser.follow(hub.url("/user/" + user + "/tree"));
    assertThat(walk.last().statusCode()).as("visited %s", walk.visited()).isEqualTo(200);
    assertThat(walk.anyVisit("/hub/")).as("no new dance: visited %s", walk.visited()).isFalse();
  }

  @Test
  void theServerKeepsRunningAfterLogoutByDefault() throws Exception {
    JsonNode model = Json.MAPPER.readTree(hub.api("GET", "/users/" + user, hub.adminToken, null).body());
    assertThat(model.path("servers").path("").path("ready").asBoolean(false)).as(model.toString()).isTrue();
  }

  /**
   * Advisory GHSA-5mrq-x3x5-8v8f, hub side: revoking an OAuth token through the API ends it at the
   * hub at once (the server may answer from its cache for up to its cache_max_age). As in
   * JupyterHub, deleting one OAuth token deletes all of that client's tokens for the user, so this
   * runs last: it ends the other browser's token too.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void revokingAnOAuthTokenThroughTheApiEndsEveryTokenOfThatServerAtOnce() throws Exception {
    AdvisoryHub.Browser third = openServer();
    String token = serverCookieToken(third);
    String session = third.cookie("jupyterhub-session-id").orElseThrow();
    String id = oauthTokensOf(session).getFirst().get("id").asString();
    assertThat(userApi(token).statusCode()).isEqualTo(200);
    assertThat(hub.api("DELETE", "/users/" + user + "/tokens/" + id, hub.adminToken, null).statusCode()).isEqualTo(204);
    assertThat(userApi(token).statusCode()).isEqualTo(403);
    assertThat(userApi(otherToken).statusCode()).isEqualTo(403);
    assertThat(userApi(apiToken).statusCode()).as("API tokens are not the server's").isEqualTo(200);
  }
}
