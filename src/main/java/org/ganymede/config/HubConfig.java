package org.ganymede.config;

/** The whole validated configuration. */
public record HubConfig(
    HubSettings hub, AuthenticatorSettings authenticator, SpawnerSettings spawner, ProxySettings proxy,
    OAuthSettings oauth, LdapSettings ldap, IdleCullerSettings idleCuller) {

  /** The configuration with nothing set: every trait at its default. */
  public static HubConfig defaults() {
    return ConfigLoader.load(ConfigSources.defaultsOnly(), java.util.Optional.empty()).config();
  }
}
