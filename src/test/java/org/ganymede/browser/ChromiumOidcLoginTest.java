package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OpenID Connect login in a real browser: headless Chromium clicks the login button, visits a real
 * provider (mock-oauth2-server, which signs the user in without a form) and comes back to the hub's
 * home page; logout then goes to the provider's end-session endpoint.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumOidcLoginTest {
  private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  private static final String ISSUER_ID = "campus";

  MockOAuth2Server provider;
  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    provider = new MockOAuth2Server();
    provider.start();
    dir = Files.createTempDirectory("ganymede-browser-oidc");
    hub = HubForBrowser.start(dir, "--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=" + provider.issuerUrl(ISSUER_ID),
        "--GenericOAuthenticator.client_id=hub", "--GenericOAuthenticator.client_secret=s",
        "--GenericOAuthenticator.username_claim=preferred_username",
        "--GenericOAuthenticator.login_service=Campus Login",
        "--GenericOAuthenticator.allowed_users={'ada'}",
        "--GenericOAuthenticator.logout_redirect_url=" + provider.endSessionEndpointUrl(ISSUER_ID),
        "--JupyterHub.redirect_to_server=False");
    browser = WebDriverSession.open();
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (hub != null) hub.close();
    if (provider != null) provider.shutdown();
    if (dir != null) HubForBrowser.deleteTree(dir);
  }

  @Test
  void theLoginButtonGoesToTheProviderAndBackToHome() throws Exception {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "ada-subject", "JWT", List.of("hub"),
        Map.of("preferred_username", "ada"), 3600));
    browser.navigate(hub.url("/hub/"));
    assertThat(browser.text(browser.find("#oauth_login"))).contains("Sign in with Campus Login");
    List<String> urls = new ArrayList<>();
    browser.click("#oauth_login");
    String home = browser.awaitUrl(u -> u.endsWith("/hub/home"), PAGE_WAIT, () -> {}, urls);
    assertThat(home).startsWith(hub.url("/hub/home"));
    assertThat(browser.bodyText()).contains("ada");
    List<String> providerRequests = new ArrayList<>();
    while (providerRequests.stream().noneMatch(u -> u.contains("/authorize")) && providerRequests.size() < 10) {
      providerRequests.add(provider.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS).getRequestUrl().toString());
    }
    assertThat(providerRequests).as("the browser went through the provider")
        .anyMatch(u -> u.contains("/" + ISSUER_ID + "/authorize") && u.contains("code_challenge="));

    browser.navigate(hub.url("/hub/logout"));
    browser.awaitUrl(u -> u.contains("/" + ISSUER_ID + "/endsession"), PAGE_WAIT, () -> {}, urls);
    browser.navigate(hub.url("/hub/home"));
    browser.awaitUrl(u -> u.contains("/hub/login"), PAGE_WAIT, () -> {}, urls);
  }
}
