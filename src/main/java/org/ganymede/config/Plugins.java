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
