package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Starting a server from the home page in a real browser: a throw-away Unix user, Debian's
 * {@code jupyterhub-singleuser}, the spawn-pending page fed by the progress event stream, the OAuth
 * redirects, and a spawn that fails showing its own error text. Runs as root only.
 */
@Tag("browser")
@Tag("root")
@Tag("jupyterhub")
class ChromiumSpawnTest {
  private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  private static final Duration SPAWN_WAIT = Duration.ofSeconds(90);
  /** What the spawn-pending page shows now, or null on any other page. */
  private static final String PROGRESS = """
      var bar = document.getElementById('progress-bar');
      if (!bar) return null;
      return bar.style.width + ' | ' + document.getElementById('progress-message').textContent
          + ' | ' + document.getElementById('progress-error').textContent;""";

  ThrowAwayUnixUser user;
  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root: creates Unix users");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    user = ThrowAwayUnixUser.create();
    dir = Files.createTempDirectory("ganymede-browser-spawn");
    browser = WebDriverSession.open();
  }

  void startHub(String... more) {
    // These tests start servers from the home page: a login lands there, not on JupyterHub's default spawn.
    List<String> traits = new ArrayList<>(List.of("--Spawner.http_timeout=90", "--Spawner.start_timeout=60",
        "--Spawner.poll_interval=5", "--JupyterHub.redirect_to_server=False"));
    traits.addAll(List.of(more));
    hub = HubForBrowser.start(dir, traits.toArray(String[]::new));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) browser.close();
    if (hub != null) {
      hub.admin("DELETE", "/users/" + user.name + "/server", null);
      hub.close();
    }
    HubForBrowser.deleteTree(dir);
    if (user != null) {
      new ProcessBuilder("pkill", "-KILL", "-u", user.name).start().waitFor(10, TimeUnit.SECONDS);
      user.close();
    }
  }

  void logInAndClickStart() throws InterruptedException {
    browser.navigate(hub.url("/hub/login"));
    browser.type("#username_input", user.name);
    browser.type("#password_input", "any password");
    browser.click("#login_submit");
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, new ArrayList<>());
    assertThat(browser.text(browser.find("#server-state"))).contains("not running");
    browser.click("#start");
  }

  /**
   * The spawn page waits up to a second before sending the browser to the pending page (JupyterHub's
   * slow_spawn_timeout); a server that starts in 2 s makes the pending page and its progress certain.
   */
  @Test
  void startOnHomeShowsProgressAndEndsOnTheNotebookTreeThroughOAuth() throws Exception {
    startHub("--Spawner.cmd=['sh', '-c', 'sleep 2; exec jupyterhub-singleuser \"$@\"', 'jupyterhub-singleuser']");
    logInAndClickStart();
    Instant clicked = Instant.now();
    List<String> urls = new ArrayList<>();
    Set<String> progressSeen = new LinkedHashSet<>();
    String end = browser.awaitUrl(u -> u.contains("/user/" + user.name + "/tree"), SPAWN_WAIT, () -> {
      try {
        JsonNode shown = browser.execute(PROGRESS);
        if (shown.isString()) progressSeen.add(shown.asString());
      } catch (RuntimeException pageChangedMeanwhile) {
        // the page reloaded between the URL poll and the script; the next poll sees the new one
      }
    }, urls);
    Duration took = Duration.between(clicked, Instant.now());
    System.out.printf("spawn in browser: %d ms; URLs %s; progress %s%n", took.toMillis(), urls, progressSeen);

    assertThat(browser.pageSource()).as("the notebook's tree page").contains("notebook_list");
    assertThat(end).doesNotContain("/hub/");
    assertThat(urls).as("the pending page came first").anyMatch(u -> u.contains("/hub/spawn-pending/" + user.name));
    assertThat(progressSeen).as("the progress bar moved past 0%% (seen: %s)", progressSeen)
        .anyMatch(p -> !p.startsWith("0%"));
    assertThat(progressSeen).as("progress messages came from the event stream")
        .anyMatch(p -> !p.contains("| Server requested |"));
    assertThat(browser.cookies()).as("the single-user server's own cookie, set by its OAuth callback")
        .anySatisfy(c -> assertThat(c).startsWith("jupyterhub-user-" + user.name + " "));
    assertThat(browser.execute("return performance.getEntriesByType('navigation')[0].redirectCount").asInt())
        .as("redirects through /hub/api/oauth2/authorize and oauth_callback").isGreaterThanOrEqualTo(2);

    browser.navigate(hub.url("/hub/home"));
    assertThat(browser.text(browser.find("#server-state"))).contains("running").doesNotContain("not running");
    assertThat(browser.execute("return document.getElementById('open-server').getAttribute('href')").asString())
        .isEqualTo("/user/" + user.name + "/");
    browser.click("#stop");
    browser.click("#page-confirm-yes"); // stopping asks first
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, urls);
    // The stop may still be under way when home is shown ("stopping"): a reload, as a user would, ends it.
    long deadline = System.nanoTime() + PAGE_WAIT.toNanos();
    while (browser.text(browser.find("#server-state")).contains("stopping") && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling a page a real browser shows; nothing to latch on
      browser.navigate(hub.url("/hub/home"));
    }
    assertThat(browser.text(browser.find("#server-state"))).contains("not running");
    assertThat(browser.findAll("#start")).hasSize(1);
  }

  @Test
  void aServerThatFailsWhileThePendingPageIsOpenShowsTheErrorThroughTheEventStream() throws Exception {
    startHub("--Spawner.cmd=['/bin/sh','-c','sleep 3; echo late-boom-from-server >&2; exit 4']");
    logInAndClickStart();
    List<String> urls = new ArrayList<>();
    browser.awaitUrl(u -> u.contains("/hub/spawn-pending/"), PAGE_WAIT, () -> {}, urls);
    assertThat(browser.findAll("#progress-bar")).as("the live pending page, not the not-running page").hasSize(1);
    Instant deadline = Instant.now().plus(PAGE_WAIT);
    String shown = "";
    while (Instant.now().isBefore(deadline)) {
      shown = browser.execute(PROGRESS).asString("");
      boolean errorVisible = browser.execute("return !document.getElementById('progress-error').hidden").asBoolean();
      if (errorVisible && shown.contains("late-boom-from-server")) break;
      Thread.sleep(100);
    }
    assertThat(shown).as("bar | message | error on the pending page").contains("late-boom-from-server");
    assertThat(browser.execute("return document.getElementById('progress-bar').className").asString())
        .contains("failed");
    assertThat(browser.currentUrl()).as("the page stays put to show the error").contains("/hub/spawn-pending/");
  }

  @Test
  void aLinkIntoAStoppedServerOffersLaunchAndArrivesWhereItPointed() throws Exception {
    Path notes = Path.of("/home", user.name, "notes.txt");
    Files.writeString(notes, "hello from the browser test\n");
    assertThat(new ProcessBuilder("chown", user.name, notes.toString()).start().waitFor()).isZero();
    startHub();
    browser.navigate(hub.url("/hub/login"));
    browser.type("#username_input", user.name);
    browser.type("#password_input", "any password");
    browser.click("#login_submit");
    browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, new ArrayList<>());

    String target = "/user/" + user.name + "/edit/notes.txt";
    browser.navigate(hub.url(target));
    assertThat(browser.currentUrl()).endsWith("/hub" + target);
    assertThat(browser.bodyText()).contains("Your server is not running");
    assertThat(browser.text(browser.find("#start"))).isEqualTo("Launch server");
    browser.click("#start");
    List<String> urls = new ArrayList<>();
    browser.awaitUrl(u -> u.contains("/user/" + user.name + "/") && !u.contains("/hub/"), SPAWN_WAIT, () -> {}, urls);
    browser.awaitUrl(u -> !u.contains("oauth_callback"), PAGE_WAIT, () -> {}, urls);
    System.out.printf("launch from the not-running page: URLs %s%n", urls);
    // JupyterHub keeps ?next= through /hub/spawn and /hub/spawn-pending (handlers/pages.py, "preserve next").
    assertThat(browser.currentUrl()).as("URLs seen %s", urls).contains(target);
  }

  @Test
  void aServerThatFailsAtOnceShowsItsErrorInTheBrowserWithoutWaitingForATimeout() throws Exception {
    startHub("--Spawner.cmd=['/bin/sh','-c','echo boom-from-server >&2; exit 3']");
    logInAndClickStart();
    Instant clicked = Instant.now();
    List<String> urls = new ArrayList<>();
    Instant deadline = clicked.plus(PAGE_WAIT);
    String text = "";
    while (Instant.now().isBefore(deadline)) {
      String url = browser.currentUrl();
      if (urls.isEmpty() || !urls.getLast().equals(url)) urls.add(url);
      text = browser.bodyText();
      if (text.contains("boom-from-server")) break;
      Thread.sleep(100);
    }
    Duration took = Duration.between(clicked, Instant.now());
    System.out.printf("failed spawn in browser: %d ms; URLs %s%n", took.toMillis(), urls);
    assertThat(text).as("page text after %s ms on %s; source:%n%s", took.toMillis(), urls, browser.sourceExcerpt())
        .contains("boom-from-server");
    assertThat(took).as("well before start_timeout (60 s)").isLessThan(Duration.ofSeconds(15));
    assertThat(browser.findAll("pre.error")).as("shown as an error, not just somewhere on the page")
        .anySatisfy(e -> assertThat(browser.text(e)).contains("boom-from-server"));
    assertThat(browser.currentUrl()).doesNotContain("/user/" + user.name + "/tree");

    browser.navigate(hub.url("/user/" + user.name + "/tree"));
    assertThat(browser.findAll("pre.error")).as("the not-running page remembers why the last start failed")
        .anySatisfy(e -> assertThat(browser.text(e)).contains("boom-from-server"));
    assertThat(browser.findAll("#start")).hasSize(1);
  }
}
