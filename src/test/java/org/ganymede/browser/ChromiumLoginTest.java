package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The login pages as a real browser sees them: headless Chromium against a real hub with the
 * dummy authenticator and one shared password.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumLoginTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  /** An attribute like onclick= or onload= inside a tag: script that a strict CSP would have to allow. */
  private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    dir = Files.createTempDirectory("ganymede-browser-login");
    // A login lands on home (not JupyterHub's default spawn): these tests look at the pages, not servers.
    hub = HubForBrowser.start(dir, "--DummyAuthenticator.password=" + PASSWORD, "--JupyterHub.redirect_to_server=False");
    browser = WebDriverSession.open();
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (hub != null) hub.close();
    HubForBrowser.deleteTree(dir);
  }

  @BeforeEach
  void asAFreshVisitor() {
    browser.navigate(hub.url("/hub/login"));
    browser.deleteCookies();
  }

  void logIn(String user, String password) {
    browser.navigate(hub.url("/hub/login"));
    browser.type("#username_input", user);
    browser.type("#password_input", password);
    browser.click("#login_submit");
  }

  @Test
  void openingTheHubRootLandsOnTheLoginForm() {
    browser.navigate(hub.url("/hub/"));
    assertThat(browser.currentUrl()).as("where /hub/ leads; the page says: %s", browser.bodyText())
        .contains("/hub/login");
    assertThat(browser.findAll("#username_input")).hasSize(1);
    assertThat(browser.findAll("#password_input")).hasSize(1);
    assertThat(browser.findAll("#login_submit")).hasSize(1);
  }

  @Test
  void theSiteRootAndHubWithoutSlashLeadToTheLoginFormAsInJupyterHub() {
    List<String> wrong = new ArrayList<>();
    for (String start : List.of("/", "/hub")) {
      browser.navigate(hub.url(start));
      String url = browser.currentUrl();
      if (!url.contains("/hub/login")) wrong.add(start + " -> " + url + ": " + browser.bodyText().replace('\n', ' '));
    }
    assertThat(wrong).as("start URLs that do not reach the login form").isEmpty();
  }

  @Test
  void aNextUrlOffTheSiteIsIgnoredAfterSigningIn() throws Exception {
    browser.navigate(hub.url("/hub/login?next=" + java.net.URLEncoder.encode("https://evil.example/", "UTF-8")));
    browser.type("#username_input", "frank");
    browser.type("#password_input", PASSWORD);
    browser.click("#login_submit");
    String url = browser.awaitUrl(u -> !u.contains("/hub/login"), PAGE_WAIT, () -> {}, new ArrayList<>());
    assertThat(url).startsWith(hub.url("/hub/"));
  }

  @Test
  void everyLinkInTheNavigationBarOfHomeLeadsToAPage() throws Exception {
    logIn("grace", PASSWORD);
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, new ArrayList<>());
    JsonNode links = browser.execute(
        "return Array.from(document.querySelectorAll('header a')).map(a => a.getAttribute('href'))");
    List<String> hrefs = links.valueStream().map(JsonNode::asString).filter(h -> !h.endsWith("/logout")).toList();
    assertThat(hrefs).contains("/hub/home", "/hub/token");
    List<String> broken = new ArrayList<>();
    for (String href : hrefs) {
      browser.navigate(hub.url(href));
      String title = browser.execute("return document.title").asString();
      if (title.matches("\\d{3} .*")) broken.add(href + " -> " + title);
    }
    assertThat(broken).as("links in the navigation bar that end on an error page").isEmpty();
  }

  @Test
  void aVisitorWithoutCookiesIsSentFromHomeToTheLoginFormAndBackAfterSigningIn() throws Exception {
    browser.navigate(hub.url("/hub/home"));
    assertThat(browser.currentUrl()).contains("/hub/login?next=");
    browser.type("#username_input", "erin");
    browser.type("#password_input", PASSWORD);
    browser.click("#login_submit");
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, new ArrayList<>());
    assertThat(browser.text(browser.find(".who"))).isEqualTo("erin");
  }

  @Test
  void aWrongPasswordShowsInvalidUsernameOrPasswordAndStaysOnTheLoginPage() {
    logIn("carol", "not the password");
    assertThat(browser.currentUrl()).contains("/hub/login");
    assertThat(browser.text(browser.find(".error"))).isEqualTo("Invalid username or password");
    assertThat(browser.bodyText()).doesNotContain("Your server");
  }

  @Test
  void theRightPasswordLandsOnHomeShowingTheUsersNameAndLogoutReturnsToLogin() throws Exception {
    logIn("carol", PASSWORD);
    List<String> seen = new ArrayList<>();
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, seen);
    assertThat(browser.text(browser.find(".who"))).isEqualTo("carol");
    assertThat(browser.text(browser.find("#server-state"))).contains("not running");
    assertThat(browser.findAll("#start")).as("a Start button for a spawner that is enabled").hasSize(1);

    browser.click("a[href$='/hub/logout']");
    browser.awaitUrl(u -> u.contains("/hub/login"), PAGE_WAIT, () -> {}, seen);
    assertThat(browser.findAll("#login_submit")).hasSize(1);
    browser.navigate(hub.url("/hub/home"));
    assertThat(browser.currentUrl()).as("home after logout, URLs seen %s", seen).contains("/hub/login");
  }

  @Test
  void aFailedLoginKeepsTheTypedUserNameButNotThePassword() throws InterruptedException {
    logIn("dave", "wrong");
    // The click may return before the answer replaces the page: wait for the refusal to show.
    long deadline = System.nanoTime() + PAGE_WAIT.toNanos();
    while (browser.findAll("p.error").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50); // polling a page a real browser shows; nothing to latch on
    }
    assertThat(browser.findAll("p.error")).as("the refusal is shown").isNotEmpty();
    assertThat(browser.execute("return document.getElementById('username_input').value").asString()).isEqualTo("dave");
    assertThat(browser.execute("return document.getElementById('password_input').value").asString()).isEmpty();
  }

  @Test
  void theLoginPageHasNoInlineEventHandlersAndSendsTheSecurityHeaders() {
    browser.navigate(hub.url("/hub/login"));
    assertThat(INLINE_HANDLER.matcher(browser.pageSource()).find()).as(browser.pageSource()).isFalse();

    HttpResponse<String> r = hub.get("/hub/login");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(INLINE_HANDLER.matcher(r.body()).find()).as(r.body()).isFalse();
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'self'"));
    assertThat(r.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("jupyterhub-session-id="))
        .singleElement().satisfies(c -> assertThat(c).containsIgnoringCase("HttpOnly"));
  }
}
