package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The presets' provider rules and the ID token's origin, black-box: oauthenticator's advisories
 * C3–C6 and forged tokens (another issuer, another signing key). Each preset is pointed at a real
 * provider (mock-oauth2-server) through oidc_issuer.
 */
class OAuthPresetsTest {
  private static final String ISSUER_ID = "idp";
  private static final String CLIENT = "ganymede-hub";
  private MockOAuth2Server provider;

  @TempDir Path dir;

  @BeforeEach
  void startProvider() {
    provider = new MockOAuth2Server();
    provider.start();
  }

  @AfterEach
  void stopProvider() {
    provider.shutdown();
  }

  private RunningHub hub(String cls, String... traits) {
    List<String> all = new ArrayList<>(List.of("--JupyterHub.authenticator_class=" + cls,
        "--OAuthenticator.oidc_issuer=" + provider.issuerUrl(ISSUER_ID), "--OAuthenticator.client_id=" + CLIENT,
        "--OAuthenticator.client_secret=s"));
    all.addAll(List.of(traits));
    return RunningHub.start(dir, all.toArray(String[]::new));
  }

  private void nextLogin(MockOAuth2Server at, Map<String, Object> claims) {
    at.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-1", "JWT", List.of(CLIENT),
        new HashMap<>(claims), 3600));
  }

  private static HttpResponse<String> login(RunningHub hub) throws Exception {
    Browser browser = new Browser(hub.url(""));
    HttpResponse<String> toProvider = browser.get("/hub/oauth_login");
    assertThat(toProvider.statusCode()).as(toProvider.body()).isEqualTo(302);
    HttpResponse<String> back = browser.get(toProvider.headers().firstValue("Location").orElseThrow());
    return browser.get(back.headers().firstValue("Location").orElseThrow());
  }

  private static void assertNoUser(RunningHub hub, String name) {
    assertThat(hub.admin("GET", "/users/" + name, null).status()).isEqualTo(404);
  }

  @Test
  void googleChecksTheHdClaimNotTheEmailDomainEvenWithAllowAll() throws Exception {
    // C4 (GHSA-55m3-44xf-hg4h) and C5 (GHSA-gprj-3p75-f996): the provider rule runs whatever allow_all says.
    try (RunningHub hub = hub("google", "--GoogleOAuthenticator.hosted_domain=['corp.example']",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("email", "outsider@corp.example"));
      HttpResponse<String> refused = login(hub);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("not part of corp.example");
      assertNoUser(hub, "outsider@corp.example");
      nextLogin(provider, Map.of("email", "outsider2@corp.example", "hd", "other.example"));
      assertThat(login(hub).statusCode()).isEqualTo(403);
      nextLogin(provider, Map.of("email", "member@corp.example", "hd", "corp.example"));
      assertThat(login(hub).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/member@corp.example", null).status()).isEqualTo(200);
    }
  }

  @Test
  void auth0RequiresAVerifiedEmailUnlessAllowUnverifiedEmail() throws Exception {
    // C6 (GHSA-rrvg-cxh4-qhrv).
    try (RunningHub hub = hub("auth0", "--Auth0OAuthenticator.auth0_domain=unused.example",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("email", "boss@corp.example", "email_verified", false));
      HttpResponse<String> refused = login(hub);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("not verified");
      assertNoUser(hub, "boss@corp.example");
      nextLogin(provider, Map.of("email", "boss@corp.example"));
      assertThat(login(hub).statusCode()).as("a missing email_verified is not a verified one").isEqualTo(403);
      nextLogin(provider, Map.of("email", "boss@corp.example", "email_verified", true));
      assertThat(login(hub).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void auth0LetsUnverifiedEmailsInOnlyWhenAllowed() throws Exception {
    try (RunningHub hub = hub("auth0", "--Auth0OAuthenticator.allow_unverified_email=True",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("email", "new@corp.example", "email_verified", false));
      assertThat(login(hub).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void cilogonMatchesTheIdpEntityIdNotTheEmailDomain() throws Exception {
    // C3 (GHSA-r7v4-jwx9-wx43): a GitHub login with a university address is not the university.
    String university = "https://idp.university.example/idp/shibboleth";
    try (RunningHub hub = hub("cilogon", "--CILogonOAuthenticator.allowed_idps={'" + university + "': "
        + "{'username_derivation': {'username_claim': 'email', 'action': 'strip_idp_domain', "
        + "'domain': 'university.example'}, 'allowed_domains': ['university.example']}}",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("idp", "http://github.com/login/oauth/authorize", "email", "ana@university.example"));
      HttpResponse<String> refused = login(hub);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("this institution are not allowed");
      assertNoUser(hub, "ana");
      nextLogin(provider, Map.of("idp", university, "email", "ana@university.example"));
      assertThat(login(hub).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/ana", null).status()).isEqualTo(200);
    }
  }

  @Test
  void azureAdLetsInOnlyItsOwnTenant() throws Exception {
    try (RunningHub hub = hub("azuread", "--AzureAdOAuthenticator.tenant_id=tenant-a",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("name", "guest", "tid", "tenant-b"));
      assertThat(login(hub).statusCode()).isEqualTo(403);
      assertNoUser(hub, "guest");
      nextLogin(provider, Map.of("name", "staffer", "tid", "tenant-a"));
      assertThat(login(hub).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void anIdTokenFromAnotherIssuerIsRefused() throws Exception {
    try (RunningHub hub = hub("generic-oauth", "--GenericOAuthenticator.username_claim=sub",
        "--Authenticator.allow_all=True")) {
      nextLogin(provider, Map.of("iss", "https://evil.example/"));
      HttpResponse<String> r = login(hub);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("could not be verified");
      assertNoUser(hub, "subject-1");
    }
  }

  @Test
  void anIdTokenSignedWithAnotherKeyIsRefused() throws Exception {
    // A second provider with keys of its own runs the whole code flow and forges tokens that claim
    // the first one as issuer; the hub checks them against the first one's published keys.
    MockOAuth2Server forger = new MockOAuth2Server();
    forger.start();
    // mock-oauth2-server hands out the same fixed keys, in order, to the issuers it meets: this
    // takes the first one, so the forger's tokens for ISSUER_ID are signed with a key of its own.
    forger.issueToken("key-taken-first");
    try (RunningHub hub = hub("generic-oauth", "--GenericOAuthenticator.username_claim=sub",
        "--GenericOAuthenticator.authorize_url=" + forger.authorizationEndpointUrl(ISSUER_ID),
        "--GenericOAuthenticator.token_url=" + forger.tokenEndpointUrl(ISSUER_ID),
        "--GenericOAuthenticator.userdata_url=" + forger.userInfoUrl(ISSUER_ID),
        "--Authenticator.allow_all=True")) {
      nextLogin(forger, Map.of("iss", provider.issuerUrl(ISSUER_ID).toString()));
      HttpResponse<String> r = login(hub);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("could not be verified");
      assertNoUser(hub, "subject-1");
    } finally {
      forger.shutdown();
    }
  }
}
