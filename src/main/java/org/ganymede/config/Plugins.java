package org.ganymede.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps JupyterHub plugin names — entry-point short names and the Python class paths found in
 * existing config files — to the implementations Ganymede ships.
 */
final class Plugins {
  static final Map<String, AuthenticatorKind> AUTHENTICATORS = new LinkedHashMap<>();
  static final Map<String, SpawnerKind> SPAWNERS = new LinkedHashMap<>();
  static final Map<String, ProxyKind> PROXIES = new LinkedHashMap<>();

  static {
    AUTHENTICATORS.put("pam", AuthenticatorKind.PAM);
    AUTHENTICATORS.put("default", AuthenticatorKind.PAM);
    AUTHENTICATORS.put("dummy", AuthenticatorKind.DUMMY);
    AUTHENTICATORS.put("null", AuthenticatorKind.NULL);
    AUTHENTICATORS.put("jupyterhub.auth.PAMAuthenticator", AuthenticatorKind.PAM);
    AUTHENTICATORS.put("jupyterhub.auth.DummyAuthenticator", AuthenticatorKind.DUMMY);
    AUTHENTICATORS.put("dummyauthenticator.DummyAuthenticator", AuthenticatorKind.DUMMY);
    AUTHENTICATORS.put("jupyterhub.auth.NullAuthenticator", AuthenticatorKind.NULL);
    // oauthenticator's entry-point names and class paths.
    AUTHENTICATORS.put("generic-oauth", AuthenticatorKind.GENERIC_OAUTH);
    AUTHENTICATORS.put("github", AuthenticatorKind.GITHUB_OAUTH);
    AUTHENTICATORS.put("gitlab", AuthenticatorKind.GITLAB_OAUTH);
    AUTHENTICATORS.put("google", AuthenticatorKind.GOOGLE_OAUTH);
    AUTHENTICATORS.put("azuread", AuthenticatorKind.AZURE_AD_OAUTH);
    AUTHENTICATORS.put("cilogon", AuthenticatorKind.CILOGON_OAUTH);
    AUTHENTICATORS.put("auth0", AuthenticatorKind.AUTH0_OAUTH);
    AUTHENTICATORS.put("oauthenticator.generic.GenericOAuthenticator", AuthenticatorKind.GENERIC_OAUTH);
    AUTHENTICATORS.put("oauthenticator.GenericOAuthenticator", AuthenticatorKind.GENERIC_OAUTH);
    AUTHENTICATORS.put("oauthenticator.github.GitHubOAuthenticator", AuthenticatorKind.GITHUB_OAUTH);
    AUTHENTICATORS.put("oauthenticator.GitHubOAuthenticator", AuthenticatorKind.GITHUB_OAUTH);
    AUTHENTICATORS.put("oauthenticator.gitlab.GitLabOAuthenticator", AuthenticatorKind.GITLAB_OAUTH);
    AUTHENTICATORS.put("oauthenticator.GitLabOAuthenticator", AuthenticatorKind.GITLAB_OAUTH);
    AUTHENTICATORS.put("oauthenticator.google.GoogleOAuthenticator", AuthenticatorKind.GOOGLE_OAUTH);
    AUTHENTICATORS.put("oauthenticator.GoogleOAuthenticator", AuthenticatorKind.GOOGLE_OAUTH);
    AUTHENTICATORS.put("oauthenticator.azuread.AzureAdOAuthenticator", AuthenticatorKind.AZURE_AD_OAUTH);
    AUTHENTICATORS.put("oauthenticator.AzureAdOAuthenticator", AuthenticatorKind.AZURE_AD_OAUTH);
    AUTHENTICATORS.put("oauthenticator.cilogon.CILogonOAuthenticator", AuthenticatorKind.CILOGON_OAUTH);
    AUTHENTICATORS.put("oauthenticator.CILogonOAuthenticator", AuthenticatorKind.CILOGON_OAUTH);
    AUTHENTICATORS.put("oauthenticator.auth0.Auth0OAuthenticator", AuthenticatorKind.AUTH0_OAUTH);
    AUTHENTICATORS.put("oauthenticator.Auth0OAuthenticator", AuthenticatorKind.AUTH0_OAUTH);
    AUTHENTICATORS.put("ldap", AuthenticatorKind.LDAP);
    AUTHENTICATORS.put("ldapauthenticator", AuthenticatorKind.LDAP);
    AUTHENTICATORS.put("ldapauthenticator.LDAPAuthenticator", AuthenticatorKind.LDAP);
    AUTHENTICATORS.put("ldapauthenticator.ldapauthenticator.LDAPAuthenticator", AuthenticatorKind.LDAP);
    SPAWNERS.put("localprocess", SpawnerKind.LOCAL_PROCESS);
    SPAWNERS.put("default", SpawnerKind.LOCAL_PROCESS);
    SPAWNERS.put("simple", SpawnerKind.SIMPLE);
    SPAWNERS.put("sudo", SpawnerKind.SUDO);
    SPAWNERS.put("jupyterhub.spawner.LocalProcessSpawner", SpawnerKind.LOCAL_PROCESS);
    SPAWNERS.put("jupyterhub.spawner.SimpleLocalProcessSpawner", SpawnerKind.SIMPLE);
    SPAWNERS.put("sudospawner.SudoSpawner", SpawnerKind.SUDO);
    SPAWNERS.put("sudospawner.spawner.SudoSpawner", SpawnerKind.SUDO);
    // "default" is JupyterHub's default proxy; Ganymede's built-in proxy speaks the same API.
    PROXIES.put("ganymede", ProxyKind.EMBEDDED);
    PROXIES.put("default", ProxyKind.EMBEDDED);
    PROXIES.put("configurable-http-proxy", ProxyKind.EXTERNAL_CHP);
    PROXIES.put("jupyterhub.proxy.ConfigurableHTTPProxy", ProxyKind.EXTERNAL_CHP);
  }

  private Plugins() {}

  /** Whether {@code path} is a Python class path (module.Class) of a plugin Ganymede ships. */
  static boolean isKnownClassPath(String path) {
    return knownClassPaths().contains(path);
  }

  static java.util.List<String> knownClassPaths() {
    return java.util.stream.Stream.of(AUTHENTICATORS, SPAWNERS, PROXIES)
        .flatMap(m -> m.keySet().stream())
        .filter(name -> name.contains("."))
        .toList();
  }

  static <K> Optional<K> lookup(Map<String, K> names, String name) {
    String trimmed = name.strip();
    return names.entrySet().stream()
        .filter(e -> e.getKey().equals(trimmed) || (!e.getKey().contains(".") && e.getKey().equalsIgnoreCase(trimmed)))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** "JupyterHub.spawner_class 'x' is not supported; supported: …" */
  static String unknown(String trait, String name, Map<String, ?> names) {
    return "JupyterHub." + trait + " " + Literals.quote(name) + " is not a supported plugin"
        + Suggestions.hint(name, names.keySet()) + "; supported: " + String.join(", ", names.keySet());
  }
}
