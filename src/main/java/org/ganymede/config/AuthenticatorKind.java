package org.ganymede.config;

/** The authenticators Ganymede ships, chosen by {@code JupyterHub.authenticator_class}. */
public enum AuthenticatorKind {
  DUMMY("DummyAuthenticator"),
  PAM("PAMAuthenticator"),
  NULL("NullAuthenticator"),
  LDAP("LDAPAuthenticator");

  private final String configClass;

  AuthenticatorKind(String configClass) {
    this.configClass = configClass;
  }

  /** The JupyterHub class whose traits configure this authenticator. */
  public String configClass() {
    return configClass;
  }
}
