package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth2 / OpenID Connect traits of the chosen authenticator (oauthenticator's names). When the
 * chosen authenticator is not an OAuth one these hold the defaults and nothing reads them; traits of
 * one preset (hosted_domain) hold the value set for that preset's class.
 */
public record OAuthSettings(
    AuthenticatorKind kind,
    String loginService,
    String clientId,
    Optional<Secret> clientSecret,
    String oauthCallbackUrl,
    List<String> scope,
    String authorizeUrl,
    String tokenUrl,
    String userdataUrl,
    String oidcIssuer,
    boolean userdataFromIdToken,
    String usernameClaim,
    String authStateGroupsKey,
    String claimGroupsKey,
    String logoutRedirectUrl,
    boolean enablePkce,
    boolean basicAuth,
    Map<String, String> tokenParams,
    Map<String, String> extraAuthorizeParams,
    List<String> hostedDomain,
    String tenantId,
    JsonNode allowedIdps,
    String auth0Domain,
    boolean allowUnverifiedEmail,
    String githubUrl,
    String githubApi,
    Set<String> allowedOrganizations,
    String gitlabUrl,
    String gitlabApi,
    Set<String> allowedGitlabGroups) {

  private static final List<String> CLASSES = List.of("GenericOAuthenticator", "GitHubOAuthenticator",
      "GitLabOAuthenticator", "GoogleOAuthenticator",
      "AzureAdOAuthenticator", "CILogonOAuthenticator", "Auth0OAuthenticator");

  static OAuthSettings from(AuthenticatorKind kind, TraitCatalogue catalogue, Map<String, Assignment> merged) {
    String own = kind.oauth() ? kind.configClass() : "GenericOAuthenticator";
    Values values = new Values(catalogue, merged, own, CLASSES);
    OAuthSettings s = SettingsBinder.bind(OAuthSettings.class, values, Optional.of(kind));
    if (kind.oauth()) s.validate();
    return s;
  }

  /** The issuer to discover, with the presets' issuers derived from their own settings. */
  public String effectiveIssuer() {
    if (!oidcIssuer.isEmpty()) return oidcIssuer;
    return switch (kind) {
      case AZURE_AD_OAUTH -> "https://login.microsoftonline.com/" + tenantId + "/v2.0";
      case AUTH0_OAUTH -> "https://" + auth0Domain + "/";
      default -> "";
    };
  }

  /** The REST API of GitHub or GitLab, for membership checks. */
  public String effectiveApi() {
    return switch (kind) {
      case GITHUB_OAUTH -> !githubApi.isEmpty() ? githubApi
          : githubUrl.equals("https://github.com") ? "https://api.github.com" : githubUrl + "/api/v3";
      case GITLAB_OAUTH -> gitlabApi.isEmpty() ? gitlabUrl + "/api/v4" : gitlabApi;
      default -> "";
    };
  }

  public String effectiveAuthorizeUrl() {
    if (!authorizeUrl.isEmpty()) return authorizeUrl;
    return switch (kind) {
      case GITHUB_OAUTH -> githubUrl + "/login/oauth/authorize";
      case GITLAB_OAUTH -> gitlabUrl + "/oauth/authorize";
      default -> "";
    };
  }

  public String effectiveTokenUrl() {
    if (!tokenUrl.isEmpty()) return tokenUrl;
    return switch (kind) {
      case GITHUB_OAUTH -> githubUrl + "/login/oauth/access_token";
      case GITLAB_OAUTH -> gitlabUrl + "/oauth/token";
      default -> "";
    };
  }

  public String effectiveUserdataUrl() {
    if (!userdataUrl.isEmpty()) return userdataUrl;
    return kind == AuthenticatorKind.GITHUB_OAUTH || kind == AuthenticatorKind.GITLAB_OAUTH ? effectiveApi() + "/user" : "";
  }

  /** Memberships checked through the provider's API that admit a user, like allowed_groups do. */
  public Set<String> providerAllowedGroups() {
    return switch (kind) {
      case GITHUB_OAUTH -> allowedOrganizations;
      case GITLAB_OAUTH -> allowedGitlabGroups;
      default -> Set.of();
    };
  }

  /** The auth_state path of the groups list. */
  public String effectiveGroupsKey() {
    return authStateGroupsKey.isEmpty() ? "oauth_user." + claimGroupsKey : authStateGroupsKey;
  }

  private void validate() {
    String cls = kind.configClass();
    if (clientId.isEmpty()) throw new ConfigException(cls + ".client_id is required: the client id your provider issued");
    if (kind == AuthenticatorKind.AZURE_AD_OAUTH && tenantId.isEmpty()) {
      throw new ConfigException(cls + ".tenant_id is required: the directory (tenant) id users must belong to");
    }
    if (kind == AuthenticatorKind.AUTH0_OAUTH && auth0Domain.isEmpty() && oidcIssuer.isEmpty()) {
      throw new ConfigException(cls + ".auth0_domain is required (or oidc_issuer)");
    }
    if (kind == AuthenticatorKind.CILOGON_OAUTH && (!allowedIdps.isObject() || allowedIdps.isEmpty())) {
      throw new ConfigException(cls + ".allowed_idps is required: {entity_id: {...}} of the institutions that may log in");
    }
    boolean discovered = !effectiveIssuer().isEmpty();
    if (!discovered && (effectiveAuthorizeUrl().isEmpty() || effectiveTokenUrl().isEmpty()
        || effectiveUserdataUrl().isEmpty())) {
      throw new ConfigException(cls + ".authorize_url, token_url and userdata_url are all required without "
          + cls + ".oidc_issuer (got authorize_url=" + Literals.quote(authorizeUrl) + ", token_url="
          + Literals.quote(tokenUrl) + ", userdata_url=" + Literals.quote(userdataUrl) + ")");
    }
    if (userdataFromIdToken && !discovered) {
      throw new ConfigException(cls + ".userdata_from_id_token needs " + cls + ".oidc_issuer: Ganymede reads users "
          + "only from ID tokens whose signature it checked against the issuer's keys");
    }
  }
}
