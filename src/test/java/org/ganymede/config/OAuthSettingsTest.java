package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** oauthenticator's settings as Ganymede reads them: names, presets' defaults, and what stops a start. */
class OAuthSettingsTest {
  private static HubConfig load(String... options) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(options), Map.of()), Optional.empty()).config();
  }

  @Test
  void aJupyterhubConfigPyWrittenForOauthenticatorLoads() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("jupyterhub_config", ".py");
    java.nio.file.Files.writeString(file, """
        from oauthenticator.generic import GenericOAuthenticator
        c.JupyterHub.authenticator_class = GenericOAuthenticator
        c.GenericOAuthenticator.oidc_issuer = "https://sso.example.org/realms/r"
        c.GenericOAuthenticator.client_id = "hub"
        c.GenericOAuthenticator.client_secret = "s"
        c.GenericOAuthenticator.username_key = "preferred_username"
        c.GenericOAuthenticator.allowed_groups = {"staff"}
        c.Authenticator.auto_login = True
        """);
    HubConfig config = ConfigLoader.load(new ConfigSources(Optional.of(file), List.of(), Map.of()), Optional.empty())
        .config();
    assertThat(config.authenticator().kind()).isEqualTo(AuthenticatorKind.GENERIC_OAUTH);
    assertThat(config.oauth().usernameClaim()).isEqualTo("preferred_username");
    assertThat(config.authenticator().allowedGroups()).containsExactly("staff");
    assertThat(config.authenticator().autoLogin()).isTrue();
    assertThat(config.oauth().effectiveGroupsKey()).isEqualTo("oauth_user.groups");
  }

  @Test
  void presetsBringTheirProvidersDefaults() {
    HubConfig github = load("--JupyterHub.authenticator_class=github", "--GitHubOAuthenticator.client_id=x");
    assertThat(github.oauth().effectiveAuthorizeUrl()).isEqualTo("https://github.com/login/oauth/authorize");
    assertThat(github.oauth().effectiveUserdataUrl()).isEqualTo("https://api.github.com/user");
    assertThat(github.oauth().usernameClaim()).isEqualTo("login");
    HubConfig enterprise = load("--JupyterHub.authenticator_class=github", "--GitHubOAuthenticator.client_id=x",
        "--GitHubOAuthenticator.github_url=https://github.example.org");
    assertThat(enterprise.oauth().effectiveUserdataUrl()).isEqualTo("https://github.example.org/api/v3/user");
    HubConfig google = load("--JupyterHub.authenticator_class=google", "--GoogleOAuthenticator.client_id=x");
    assertThat(google.oauth().effectiveIssuer()).isEqualTo("https://accounts.google.com");
    assertThat(google.oauth().loginService()).isEqualTo("Google");
    HubConfig azure = load("--JupyterHub.authenticator_class=azuread", "--AzureAdOAuthenticator.client_id=x",
        "--AzureAdOAuthenticator.tenant_id=t1");
    assertThat(azure.oauth().effectiveIssuer()).isEqualTo("https://login.microsoftonline.com/t1/v2.0");
  }

  @Test
  void whatAProviderCannotWorkWithoutStopsTheStartNamingIt() {
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.oidc_issuer=https://x.example"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("GenericOAuthenticator.client_id is required");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=generic-oauth",
        "--GenericOAuthenticator.client_id=x", "--GenericOAuthenticator.token_url=https://x.example/token"))
        .hasMessageContaining("authorize_url, token_url and userdata_url are all required");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=azuread", "--AzureAdOAuthenticator.client_id=x"))
        .hasMessageContaining("AzureAdOAuthenticator.tenant_id is required");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=cilogon", "--CILogonOAuthenticator.client_id=x"))
        .hasMessageContaining("CILogonOAuthenticator.allowed_idps is required");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=generic-oauth", "--GenericOAuthenticator.client_id=x",
        "--GenericOAuthenticator.authorize_url=https://x/a", "--GenericOAuthenticator.token_url=https://x/t",
        "--GenericOAuthenticator.userdata_url=https://x/u", "--GenericOAuthenticator.userdata_from_id_token=True"))
        .hasMessageContaining("userdata_from_id_token needs GenericOAuthenticator.oidc_issuer");
  }

  @Test
  void oauthenticatorSettingsGanymedeLacksAreRefusedByName() {
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=generic-oauth", "--GenericOAuthenticator.client_id=x",
        "--GenericOAuthenticator.oidc_issuer=https://x.example", "--GenericOAuthenticator.allowed_scopes=['read']"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("allowed_scopes");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=generic-oauth", "--GenericOAuthenticator.client_id=x",
        "--GenericOAuthenticator.oidc_issuer=https://x.example", "--Authenticator.manage_groups=True"))
        .hasMessageContaining("manage_groups is not supported");
    assertThatThrownBy(() -> load("--JupyterHub.authenticator_class=oauthenticator.bitbucket.BitbucketOAuthenticator"))
        .hasMessageContaining("is not a supported plugin");
  }
}
