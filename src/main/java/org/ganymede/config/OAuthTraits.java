package org.ganymede.config;

import java.util.List;
import java.util.Optional;

/**
 * oauthenticator's classes and traits (names and meanings as in oauthenticator 17), with the
 * presets Ganymede ships. Ganymede's one addition, {@code oidc_issuer}, says where to discover the
 * provider's endpoints and keys; the presets default it to their provider.
 */
final class OAuthTraits {
  private OAuthTraits() {}

  static void declare(TraitCatalogue c) {
    c.declareClass("OAuthenticator", Optional.of("Authenticator"), "Log in through an OAuth2 / OpenID Connect provider.")
        .string("login_service", "OAuth 2.0", "Name of the provider on the login button: 'Sign in with ...'.")
        .string("client_id", "", "The client id the provider issued to this hub.")
        .secretString("client_secret", "The client secret the provider issued to this hub.")
        .string("oauth_callback_url", "", "Callback URL registered with the provider; '' means {public_url}hub/oauth_callback.")
        .list("scope", List.of(), "Scopes to request; with oidc_issuer, 'openid' is added when missing.")
        .string("authorize_url", "", "The provider's authorization endpoint; '' means the one oidc_issuer announces.")
        .string("token_url", "", "The provider's token endpoint; '' means the one oidc_issuer announces.")
        .string("userdata_url", "", "The provider's user-info endpoint; '' means the one oidc_issuer announces.")
        .string("oidc_issuer", "", "Ganymede: OpenID Connect issuer URL; endpoints and signing keys come from its "
            + ".well-known/openid-configuration, and ID tokens are checked (signature, iss, aud, exp, nonce).")
        .bool("userdata_from_id_token", false, "Read the user from the verified ID token instead of the user-info endpoint (needs oidc_issuer).")
        .string("username_claim", "username", "The user-info field that becomes the hub user name.")
        .set("allowed_groups", "Groups (from auth_state_groups_key) whose members may log in.")
        .set("admin_groups", "Groups (from auth_state_groups_key) whose members are admins; others lose admin at login.")
        .string("auth_state_groups_key", "", "Dotted path of the groups list in auth_state ('oauth_user.groups'); "
            + "'' means oauth_user.{claim_groups_key}.")
        .string("logout_redirect_url", "", "Where /hub/logout sends the browser after ending the hub session "
            + "(e.g. the provider's end-session endpoint); '' means the hub's login page.")
        .bool("enable_pkce", true, "Send a PKCE (S256) code challenge with the authorization request.")
        .bool("basic_auth", true, "Authenticate to the token endpoint with HTTP Basic (else client_secret in the body).")
        .stringMap("token_params", "Extra parameters sent to the token endpoint.")
        .stringMap("extra_authorize_params", "Extra parameters sent to the authorization endpoint.")
        .string("userdata_token_method", "header", "How the access token reaches userdata_url.")
            .refused("not supported yet: the access token is always sent in the Authorization header")
        .bool("validate_server_cert", true, "Check the provider's TLS certificate.")
            .refused("not supported: the provider's certificate is always checked; add its CA to the JVM trust store")
        .dict("userdata_params", "Extra query parameters for userdata_url.")
            .refused("not supported yet: userdata_url is called without extra parameters")
        .alias("extra_params", "token_params")
        .alias("tls_verify", "validate_server_cert")
        .alias("username_key", "username_claim");
    c.declareClass("GenericOAuthenticator", Optional.of("OAuthenticator"), "Any OAuth2 / OpenID Connect provider (Keycloak, Okta, ...).")
        .string("claim_groups_key", "groups", "The user-info field holding the user's groups (oauthenticator < 17 name).");
    c.declareClass("GitHubOAuthenticator", Optional.of("OAuthenticator"), "GitHub or GitHub Enterprise Server (OAuth2).")
        .string("login_service", "GitHub", "Name of the provider on the login button.")
        .string("username_claim", "login", "The user-info field that becomes the hub user name.")
        .string("github_url", "https://github.com", "GitHub's address, or your GitHub Enterprise Server's.")
        .string("github_api", "", "GitHub's REST API; '' means https://api.github.com for github.com, else {github_url}/api/v3.")
        .set("allowed_organizations", "Organizations ('org') or teams ('org:team') whose members may log in, "
            + "checked through GitHub's API at each login (request scope ['read:org'] for private membership).")
        .alias("github_organization_whitelist", "allowed_organizations");
    c.declareClass("GitLabOAuthenticator", Optional.of("OAuthenticator"), "GitLab.com or a self-managed GitLab (OAuth2).")
        .string("login_service", "GitLab", "Name of the provider on the login button.")
        .string("username_claim", "username", "The user-info field that becomes the hub user name.")
        .string("gitlab_url", "https://gitlab.com", "GitLab's address.")
        .string("gitlab_api", "", "GitLab's REST API; '' means {gitlab_url}/api/v4.")
        .set("allowed_gitlab_groups", "GitLab groups (full paths) whose members may log in, checked through "
            + "GitLab's API at each login (request scope ['read_api']).")
        .alias("gitlab_group_whitelist", "allowed_gitlab_groups");
    c.declareClass("GoogleOAuthenticator", Optional.of("OAuthenticator"), "Google accounts (OpenID Connect).")
        .string("login_service", "Google", "Name of the provider on the login button.")
        .string("oidc_issuer", "https://accounts.google.com", "Google's OpenID Connect issuer.")
        .string("username_claim", "email", "The user-info field that becomes the hub user name.")
        .list("hosted_domain", List.of(), "Google Workspace domains whose members may log in, checked against the 'hd' claim "
            + "(never the e-mail address).");
    c.declareClass("AzureAdOAuthenticator", Optional.of("OAuthenticator"), "Microsoft Entra ID / Azure AD (OpenID Connect).")
        .string("login_service", "Azure AD", "Name of the provider on the login button.")
        .string("username_claim", "name", "The ID token or user-info field that becomes the hub user name.")
        .string("tenant_id", "", "The directory (tenant) id; only users whose 'tid' claim equals it may log in. "
            + "oidc_issuer defaults to https://login.microsoftonline.com/{tenant_id}/v2.0.")
        .string("user_groups_claim", "", "Claim holding the user's groups.")
            .refused("not supported yet: use auth_state_groups_key = 'oauth_user.groups'");
    c.declareClass("CILogonOAuthenticator", Optional.of("OAuthenticator"), "CILogon (OpenID Connect), institutions chosen by entity id.")
        .string("login_service", "CILogon", "Name of the provider on the login button.")
        .string("oidc_issuer", "https://cilogon.org", "CILogon's OpenID Connect issuer.")
        .dict("allowed_idps", "Identity providers allowed to log in, by entity id (the 'idp' claim): "
            + "{entity_id: {'username_derivation': {'username_claim': ..., 'action': 'strip_idp_domain' | 'prefix', "
            + "'domain': ..., 'prefix': ...}, 'allowed_domains': [...], 'default': False}}. Required.");
    c.declareClass("Auth0OAuthenticator", Optional.of("OAuthenticator"), "Auth0 (OpenID Connect).")
        .string("login_service", "Auth0", "Name of the provider on the login button.")
        .string("auth0_domain", "", "The Auth0 tenant's domain (example.us.auth0.com); oidc_issuer defaults to https://{auth0_domain}/.")
        .string("username_claim", "email", "The user-info field that becomes the hub user name.")
        .bool("allow_unverified_email", false, "Let in users whose 'email_verified' claim is not true (unsafe: "
            + "anyone can register an address they do not own).");
  }
}
