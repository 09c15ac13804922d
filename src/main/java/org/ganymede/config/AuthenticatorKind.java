package org.ganymede.config;

/** The authenticators Ganymede ships, chosen by {@code JupyterHub.authenticator_class}. */
public enum AuthenticatorKind {
  DUMMY("DummyAuthenticator"),
  PAM("PAMAuthenticator"),
  NULL("NullAuthenticator"),
  GENERIC_OAUTH("GenericOAuthenticator"),
  GITHUB_OAUTH("GitHubOAuthenticator"),
  GITLAB_OAUTH("GitLabOAuthenticator"),
  GOOGLE_OAUTH("GoogleOAuthenticator"),
  AZURE_AD_OAUTH("AzureAdOAuthenticator"),
  CILOGON_OAUTH("CILogonOAuthenticator"),
  AUTH0_OAUTH("Auth0OAuthenticator"),
  LDAP("LDAPAuthenticator");

  private final String configClass;

  AuthenticatorKind(String configClass) {
    this.configClass = configClass;
  }

  /** Whether users log in through an OAuth2 / OpenID Connect provider (a redirect, not a form). */
  public boolean oauth() {
    return configClass.endsWith("OAuthenticator");
  }

  /** The JupyterHub class whose traits configure this authenticator. */
  public String configClass() {
    return configClass;
  }
}
