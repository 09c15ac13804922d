package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as OAuth provider when a server is opened by someone other than its owner: JupyterHub's
 * "Authorize access" page first, a code only after the form is posted back from that page.
 */
class OAuthConsentTest {
  static final String CLIENT = "jupyterhub-user-alice";
  static final String CALLBACK = "/user/alice/oauth_callback";
  static final String SECRET = "alice-server-secret";
  static final String AUTHORIZE = "/hub/api/oauth2/authorize?client_id=" + CLIENT + "&redirect_uri="
      + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&response_type=code&state=s1";
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  static final Pattern SCOPE = Pattern.compile("name=\"scopes\" value=\"([^\"]+)\"");
  @TempDir Path dir;
  RunningHub hub;

  @BeforeEach
  void start() {
    hub = RunningHub.start(dir);
    assertThat(hub.admin("POST", "/users/alice", null).status()).isEqualTo(201);
    assertThat(hub.admin("POST", "/users/bob", null).status()).isEqualTo(201);
    // alice's running server, as the lifecycle registers it at spawn.
    hub.hub.oauth().register(CLIENT, "Server at /user/alice/", SECRET, CALLBACK, List.of());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private Browser loggedIn(String user) throws Exception {
    Browser b = new Browser(hub.url(""));
    assertThat(b.login(user, "any").statusCode()).isEqualTo(302);
    return b;
  }

  @Test
  void theOwnerGetsACodeAtOnce() throws Exception {
    var r = loggedIn("alice").get(AUTHORIZE);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "?code=").endsWith("&state=s1");
  }

  @Test
  void anAdminOpeningAnotherUsersServerAuthorizesOnThePageAndIsNotAskedAgain() throws Exception {
    Browser admin = loggedIn("admin");
    var page = admin.get(AUTHORIZE);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Authorize access", "Server at /user/alice/", "only you");
    List<String> scopes = SCOPE.matcher(page.body()).results().map(m -> m.group(1)).toList();
    assertThat(scopes).contains("access:servers!server=alice/", "read:users:name!user=admin");

    var posted = postFromPage(admin, page.body(), hub.url(AUTHORIZE));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CALLBACK + "?code=");

    // The server exchanges the code; its token now carries exactly the scopes granted on the page.
    Matcher code = Pattern.compile("code=([^&]+)").matcher(location);
    assertThat(code.find()).isTrue();
    var token = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/oauth2/token")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("client_id=" + CLIENT + "&client_secret=" + SECRET
            + "&grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri="
            + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8))).build());
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    assertThat(token.json().get("scope").asString().split(" ")).containsExactlyInAnyOrderElementsOf(scopes);

    var again = admin.get(AUTHORIZE);
    assertThat(again.statusCode()).as("already granted: no page").isEqualTo(302);
  }

  @Test
  void theConsentFormIsRefusedWithoutXsrfOrFromAnotherPage() throws Exception {
    Browser admin = loggedIn("admin");
    var page = admin.get(AUTHORIZE);
    String scopes = "scopes=" + URLEncoder.encode("access:servers!server=alice/", StandardCharsets.UTF_8);
    var noXsrf = admin.http.send(HttpRequest.newBuilder(URI.create(hub.url(AUTHORIZE))).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Referer", hub.url(AUTHORIZE))
        .POST(HttpRequest.BodyPublishers.ofString(scopes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noXsrf.statusCode()).isEqualTo(403);
    var elsewhere = postFromPage(admin, page.body(), hub.url("/hub/home"));
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.body()).contains("Authorization form must be sent from authorization page");
  }

  @Test
  void someoneWithoutAccessToTheServerIsRefused() throws Exception {
    var r = loggedIn("bob").get(AUTHORIZE);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("You do not have permission to access alice/");
  }

  /** Submits the page's form as a browser would: its fields, with the page as Referer. */
  private static HttpResponse<String> postFromPage(Browser b, String page, String referer) throws Exception {
    Matcher xsrf = XSRF.matcher(page);
    assertThat(xsrf.find()).isTrue();
    StringBuilder form = new StringBuilder("_xsrf=" + URLEncoder.encode(xsrf.group(1), StandardCharsets.UTF_8));
    SCOPE.matcher(page).results()
        .forEach(m -> form.append("&scopes=").append(URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)));
    return b.http.send(HttpRequest.newBuilder(URI.create(b.origin + AUTHORIZE)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Referer", referer)
        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }
}
