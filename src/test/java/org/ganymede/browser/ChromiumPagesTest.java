package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.ganymede.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What a new user ran into on the hub's pages (issue 14), in headless Chromium: the token page
 * after a reload, confirmations before revoking, error pages with the menu, the not-running page
 * of a named server, and what the spawn progress tells the user. Servers are a tiny Python HTTP
 * server run by the {@code simple} spawner; user names start with "pgs".
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumPagesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Answers any HTTP request on the port the hub chose; users named pgsslow… wait 3 s first. */
  private static final String FAKE_SERVER = "['sh', '-c', 'p=${JUPYTERHUB_SERVICE_URL##*:}; "
      + "case $JUPYTERHUB_USER in pgsslow*) sleep 3;; esac; exec python3 -m http.server --bind 127.0.0.1 ${p%%/*}']";

  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    dir = Files.createTempDirectory("ganymede-browser-pages");
    hub = HubForBrowser.start(dir, "--JupyterHub.redirect_to_server=False", "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--Spawner.cmd=" + FAKE_SERVER, "--JupyterHub.allow_named_servers=True");
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

  void logIn(String user) throws InterruptedException {
    browser.logInToHome(hub.url("/hub/login"), user, "any password", WAIT);
  }

  JsonNode api(String method, String path) {
    var r = hub.admin(method, path, null);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    return r.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(r.body());
  }

  int pageTokens(String user) {
    return (int) api("GET", "/users/" + user + "/tokens").path("api_tokens").valueStream()
        .filter(t -> t.path("note").asString().equals("from the token page")).count();
  }

  void awaitServer(String user, String server, boolean ready) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      JsonNode s = api("GET", "/users/" + user).path("servers").path(server);
      if (s.path("ready").asBoolean(false) == ready && s.path("pending").isNull() || (!ready && s.isMissingNode())) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(user + "/" + server + " never ready=" + ready + ": " + s);
      }
      Thread.sleep(50); // the API is the only view of a server's state here
    }
  }

  /** The URL stays /hub/token across the form's round trip: wait for what the new page shows. */
  void awaitElement(String css) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (browser.findAll(css).isEmpty()) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("no " + css + " after " + WAIT);
      Thread.sleep(50); // a browser page: nothing to latch on
    }
  }

  @Test
  void reloadingTheTokenPageAfterRequestingATokenRequestsNoSecondOne() throws Exception {
    logIn("pgstoken");
    browser.navigate(hub.url("/hub/token"));
    browser.type("#token-note", "from the token page");
    browser.click("#request-token");
    awaitElement("#new-token");
    String shown = browser.text(browser.find("#new-token"));
    assertThat(shown).hasSizeGreaterThan(20);
    assertThat(browser.findAll("#copy-token")).as("a copy button beside the new token").hasSize(1);
    assertThat(browser.execute("return performance.getEntriesByType('navigation')[0].type").asString())
        .as("the page after the form is a GET (post/redirect/get)").isEqualTo("navigate");

    browser.execute("location.reload()");
    browser.awaitUrl(u -> u.endsWith("/hub/token"), WAIT, () -> {}, new ArrayList<>());
    assertThat(browser.findAll("#new-token")).as("the token is shown once").isEmpty();
    assertThat(pageTokens("pgstoken")).isEqualTo(1);
    assertThat(browser.findAll("#api-tokens thead th")).as("a header row").hasSize(5);
    String created = browser.text(browser.find("#api-tokens tbody td:nth-child(2)"));
    assertThat(created).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
  }

  @Test
  void revokingATokenAsksFirstAndCancellingKeepsIt() throws Exception {
    logIn("pgsrevoke");
    browser.navigate(hub.url("/hub/token"));
    browser.type("#token-note", "from the token page");
    browser.click("#request-token");
    awaitElement("#new-token");
    browser.click("#api-tokens button.revoke");
    assertThat(browser.execute("return document.getElementById('page-confirm').open").asBoolean()).isTrue();
    browser.click("#page-confirm-no");
    assertThat(pageTokens("pgsrevoke")).as("cancel keeps the token").isEqualTo(1);
    browser.click("#api-tokens button.revoke");
    browser.click("#page-confirm-yes");
    Instant deadline = Instant.now().plus(WAIT);
    while (pageTokens("pgsrevoke") != 0 && Instant.now().isBefore(deadline)) Thread.sleep(50);
    assertThat(pageTokens("pgsrevoke")).isZero();
  }

  @Test
  void anErrorPageKeepsTheMenuWithTheSignedInName() throws Exception {
    logIn("pgserror");
    browser.navigate(hub.url("/hub/no-such-page"));
    assertThat(browser.execute("return document.title").asString()).startsWith("404");
    assertThat(browser.text(browser.find(".who"))).isEqualTo("pgserror");
    assertThat(browser.findAll("header a[href='/hub/home']")).hasSize(1);
    browser.navigate(hub.url("/hub/error/503"));
    assertThat(browser.text(browser.find(".who"))).isEqualTo("pgserror");
  }

  @Test
  void pagesLinkAFaviconThatTheHubServes() throws Exception {
    logIn("pgsicon");
    String icon = browser.execute("return document.querySelector('link[rel=icon]').getAttribute('href')").asString();
    var r = hub.get(icon);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
  }

  @Test
  void theNotRunningPageOfANamedServerNamesItAndLaunchesThatServer() throws Exception {
    hub.admin("POST", "/users", "{\"usernames\": [\"pgsnamed\"]}");
    api("POST", "/users/pgsnamed/servers/lab");
    awaitServer("pgsnamed", "lab", true);
    api("DELETE", "/users/pgsnamed/servers/lab");
    awaitServer("pgsnamed", "lab", false);
    logIn("pgsnamed");
    browser.navigate(hub.url("/user/pgsnamed/lab/tree"));
    assertThat(browser.bodyText()).contains("Your server lab is not running");
    assertThat(browser.execute("return document.getElementById('start').getAttribute('href')").asString())
        .startsWith("/hub/spawn/pgsnamed/lab?next=");
    assertThat(browser.text(browser.find(".who"))).as("the menu").isEqualTo("pgsnamed");
    browser.click("#start");
    awaitServer("pgsnamed", "lab", true);
    assertThat(api("GET", "/users/pgsnamed").get("server").isNull()).as("the default server stays stopped").isTrue();
    api("DELETE", "/users/pgsnamed/servers/lab");
  }

  @Test
  void theSpawnProgressNeverTellsTheUserTheServersInternalAddress() throws Exception {
    hub.admin("POST", "/users", "{\"usernames\": [\"pgsslow\"]}");
    // The start answers once the server is up or later; the stream is read while it starts.
    var start = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> hub.admin("POST", "/users/pgsslow/server", null));
    String events = "";
    Instant deadline = Instant.now().plus(WAIT);
    while (!events.contains("progress") && Instant.now().isBefore(deadline)) {
      var r = hub.admin("GET", "/users/pgsslow/server/progress", null);  // ends with the ready event
      if (r.statusCode() == 200) events = r.body();
    }
    assertThat(start.join().statusCode()).isIn(201, 202);
    assertThat(events).as("a step before ready").contains("\"progress\":60").contains("\"ready\"");
    assertThat(events).doesNotContain("127.0.0.1").doesNotContain("://");
    api("DELETE", "/users/pgsslow/server");
  }
}
