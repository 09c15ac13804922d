package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole way in a real browser: OpenID Connect login at a real provider → the hub spawns the
 * user's server (real {@code jupyterhub-singleuser} as a throw-away Unix user) → the notebook's tree
 * page. Runs as root only.
 */
@Tag("root")
@Tag("jupyterhub")
class ChromiumOidcSpawnTest {
  private static final Duration SPAWN_WAIT = Duration.ofSeconds(90);
  private static final String ISSUER_ID = "campus";

  MockOAuth2Server provider;
  ThrowAwayUnixUser user;
  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root: creates Unix users");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    provider = new MockOAuth2Server();
    provider.start();
    user = ThrowAwayUnixUser.create();
    dir = Files.createTempDirectory("ganymede-browser-oidc-spawn");
    hub = HubForBrowser.start(dir, "--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=" + provider.issuerUrl(ISSUER_ID),
        "--GenericOAuthenticator.client_id=hub", "--GenericOAuthenticator.client_secret=s",
        "--GenericOAuthenticator.username_claim=preferred_username",
        "--GenericOAuthenticator.allowed_users={'" + user.name + "'}",
        "--Authenticator.auto_login=True",
        "--Spawner.http_timeout=90", "--Spawner.start_timeout=60");
    browser = WebDriverSession.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) browser.close();
    if (hub != null) {
      hub.admin("DELETE", "/users/" + user.name + "/server", null);
      hub.close();
    }
    if (provider != null) provider.shutdown();
    if (dir != null) HubForBrowser.deleteTree(dir);
    if (user != null) {
      new ProcessBuilder("pkill", "-KILL", "-u", user.name).start().waitFor(10, TimeUnit.SECONDS);
      user.close();
    }
  }

  @Test
  void oidcLoginSpawnsTheServerAndEndsOnTheNotebookTree() throws Exception {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user.name + "-subject", "JWT", List.of("hub"),
        Map.of("preferred_username", user.name), 3600));
    List<String> urls = new ArrayList<>();
    // auto_login: opening the hub goes to the provider, back, then to the spawn (redirect_to_server).
    browser.navigate(hub.url("/hub/"));
    String end = browser.awaitUrl(u -> u.contains("/user/" + user.name + "/tree"), SPAWN_WAIT, () -> {}, urls);
    assertThat(end).startsWith(hub.url("/user/" + user.name + "/tree"));
    assertThat(browser.pageSource()).as("the notebook's tree page").contains("notebook_list");
  }
}
