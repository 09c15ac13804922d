package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chosen authenticator and its traits: {@code Authenticator}'s, then {@code LocalAuthenticator}
 * and {@code PAMAuthenticator}'s, then {@code DummyAuthenticator.password}. Traits the chosen class
 * does not have hold the values configured for the class that has them (usually the defaults).
 *
 * @param allowAll empty means JupyterHub's dynamic default (True only for dummy without allowed_users)
 * @param allowExistingUsers empty means JupyterHub's dynamic default (True when allowed_users is set)
 */
public record AuthenticatorSettings(
    AuthenticatorKind kind,
    Set<String> adminUsers,
    Set<String> allowedUsers,
    Set<String> blockedUsers,
    Optional<Boolean> allowAll,
    Optional<Boolean> allowExistingUsers,
    boolean autoLogin,
    String usernamePattern,
    Map<String, String> usernameMap,
    Set<String> allowedGroups,
    boolean createSystemUsers,
    List<String> addUserCmd,
    Map<String, Integer> uids,
    String service,
    String encoding,
    boolean checkAccount,
    boolean openSessions,
    Set<String> adminGroups,
    boolean pamNormalizeUsername,
    Optional<Secret> password,
    boolean enableAuthState,
    int authRefreshAge,
    boolean refreshPreSpawn) {

  /** allow_all with JupyterHub 5's dynamic default resolved. */
  public boolean effectiveAllowAll() {
    return allowAll.orElse(kind == AuthenticatorKind.DUMMY && allowedUsers.isEmpty());
  }

  /** allow_existing_users with JupyterHub 5's dynamic default resolved. */
  public boolean effectiveAllowExistingUsers() {
    return allowExistingUsers.orElse(!allowedUsers.isEmpty());
  }

  static AuthenticatorSettings from(AuthenticatorKind kind, Values v) {
    return SettingsBinder.bind(AuthenticatorSettings.class, v, Optional.of(kind));
  }
}
