package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Picking a {@code Spawner.profiles} profile and a choice on the spawn page of a real browser: the
 * server (Debian's {@code jupyterhub-singleuser}, as a throw-away Unix user) starts with the
 * profile's environment, and home names the pick. Runs as root only.
 */
@Tag("browser")
@Tag("root")
@Tag("jupyterhub")
class ChromiumSpawnProfileTest {
  private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  private static final Duration SPAWN_WAIT = Duration.ofSeconds(90);

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
    dir = Files.createTempDirectory("ganymede-browser-profile");
    browser = WebDriverSession.open();
    String shell = "['sh', '-c', 'env > \"$HOME/profile-env.txt\"; exec jupyterhub-singleuser \"$@\"', 'sh']";
    hub = HubForBrowser.start(dir, "--Spawner.http_timeout=90", "--Spawner.start_timeout=60",
        "--Spawner.profiles=["
            + "{'display_name': 'Plain', 'default': True},"
            + "{'display_name': 'Science', 'slug': 'science', 'description': 'With the big libraries',"
            + " 'spawner_override': {'cmd': " + shell + ", 'environment': {'FLAVOUR': 'science'}},"
            + " 'profile_options': {'size': {'display_name': 'Size', 'choices': {"
            + "   'small': {'display_name': 'Small', 'default': True, 'spawner_override': {'environment': {'SIZE': 'small'}}},"
            + "   'large': {'display_name': 'Large', 'spawner_override': {'environment': {'SIZE': 'large'}}}}}}}]");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) browser.close();
    if (hub != null) {
      hub.admin("DELETE", "/users/" + user.name + "/server", null);
      hub.close();
    }
    if (dir != null) HubForBrowser.deleteTree(dir);
    if (user != null) {
      new ProcessBuilder("pkill", "-KILL", "-u", user.name).start().waitFor(10, TimeUnit.SECONDS);
      user.close();
    }
  }

  @Test
  void pickingAProfileAndAChoiceStartsTheServerWithTheirEnvironment() throws Exception {
    browser.navigate(hub.url("/hub/login"));
    browser.type("#username_input", user.name);
    browser.type("#password_input", "any password");
    browser.click("#login_submit");
    List<String> urls = new ArrayList<>();
    browser.awaitUrl(u -> u.contains("/hub/spawn"), PAGE_WAIT, () -> {}, urls);
    assertThat(browser.execute("return document.getElementById('profile-plain').checked").asBoolean())
        .as("the default profile is picked at first").isTrue();
    assertThat(browser.bodyText()).contains("Science", "With the big libraries", "Size");

    browser.click("label[for=profile-science]"); // as a user does: the label picks its radio
    browser.click("#profile-option-science--size option[value=large]");
    browser.click("#spawn");
    browser.awaitUrl(u -> u.contains("/user/" + user.name + "/") && !u.contains("/hub/"), SPAWN_WAIT, () -> {}, urls);

    List<String> env = Files.readAllLines(Path.of("/home", user.name, "profile-env.txt"));
    assertThat(env).contains("FLAVOUR=science", "SIZE=large");
    browser.navigate(hub.url("/hub/home"));
    assertThat(browser.text(browser.find("#server-profile"))).isEqualTo("Profile: Science (Size: Large)");
  }
}
