package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Logging in through the form as a browser does: cookie jar, XSRF, next, throttling, restart, rotation. */
class LoginTest {
  private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  /** A browser: a cookie jar, no automatic redirects. */
  record Browser(HttpClient http, CookieManager cookies) {
    static Browser create() {
      CookieManager jar = new CookieManager();
      return new Browser(HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5)).build(), jar);
    }

    HttpResponse<String> get(String url) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("Sec-Fetch-Mode", "navigate").build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String form) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(RunningHub hub, String user, String password, String next) throws Exception {
      HttpResponse<String> page = get(hub.url("/hub/login"));
      Matcher m = XSRF.matcher(page.body());
      assertThat(m.find()).as("login page has an _xsrf field").isTrue();
      String query = next == null ? "" : "?next=" + java.net.URLEncoder.encode(next, "UTF-8");
      return post(hub.url("/hub/login" + query), "_xsrf=" + m.group(1) + "&username=" + user + "&password=" + password);
    }
  }

  @Test
  void formLoginSetsJupyterHubCookiesAndShowsHome() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"));
    Browser b = Browser.create();
    var r = b.login(hub, "Alice", "anything", null);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).as("JupyterHub.redirect_to_server: on to spawn").hasValue("/hub/spawn");
    String cookies = String.join("\n", r.headers().allValues("Set-Cookie"));
    assertThat(cookies).as(cookies).contains("jupyterhub-hub-login=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
        .contains("Path=/hub/");
    var home = b.get(hub.url("/hub/home"));
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("alice");
    assertThat(hub.admin("GET", "/users/alice", null).status()).isEqualTo(200);
    assertThat(b.get(hub.url("/hub/logout")).statusCode()).isEqualTo(302);
    assertThat(b.get(hub.url("/hub/home")).statusCode()).isEqualTo(302);
  }

  @Test
  void wrongSharedPasswordIsRefusedWithAMessage() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"), "--DummyAuthenticator.password=s3cret-pass");
    var r = Browser.create().login(hub, "bob", "wrong", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Invalid username or password");
    assertThat(Browser.create().login(hub, "bob", "s3cret-pass", null).statusCode()).isEqualTo(302);
  }

  @Test
  void loginWithoutXsrfIsRefused() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"));
    Browser b = Browser.create();
    var r = b.post(hub.url("/hub/login"), "username=carol&password=x");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(hub.admin("GET", "/users/carol", null).status()).isEqualTo(404);
  }

  @Test
  void invalidUserNamesAreRefusedClearly() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"));
    var r = Browser.create().login(hub, "bad%2Fname", "x", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Invalid username");
  }

  @Test
  void nextRedirectsOnlyToPathsUnderTheBaseUrl() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"));
    var ok = Browser.create().login(hub, "dave", "x", "/hub/token");
    assertThat(ok.headers().firstValue("Location")).hasValue("/hub/token");
    for (String evil : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example", "http:/x"}) {
      var r = Browser.create().login(hub, "dave", "x", evil);
      assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/hub/spawn");
    }
  }

  @Test
  void repeatedFailuresAreThrottledWithRetryAfter() throws Exception {
    hub = RunningHub.start(Files.createTempDirectory("login"), "--DummyAuthenticator.password=right-password");
    HttpResponse<String> last = null;
    for (int i = 0; i < 8; i++) last = Browser.create().login(hub, "erin", "wrong", null);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void restartKeepsUsersGroupsAndTokensAndChangingTheSecretInvalidatesCookies() throws Exception {
    Path dir = Files.createTempDirectory("restart");
    hub = RunningHub.start(dir);
    hub.admin("POST", "/users", "{\"usernames\": [\"frank\"]}");
    hub.admin("POST", "/groups/keep", "{\"users\": [\"frank\"]}");
    String token = hub.admin("POST", "/users/frank/tokens", "{}").json().get("token").asString();
    Browser b = Browser.create();
    b.login(hub, "frank", "x", null);
    hub.close();
    assertThat(Files.getPosixFilePermissions(dir.resolve("jupyterhub.sqlite")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    hub = RunningHub.start(dir);
    assertThat(hub.api("GET", "/users/frank", token, null).status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/groups/keep", null).json().get("users").toString()).contains("frank");
    hub.close();

    Files.writeString(dir.resolve("cookie_secret"), "ab".repeat(32) + "\n");
    hub = RunningHub.start(dir);
    var home = b.http().send(HttpRequest.newBuilder(URI.create(hub.url("/hub/home"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(home.statusCode()).as("old cookie no longer valid").isEqualTo(302);
  }
}
