package org.ganymede.app;

import org.ganymede.config.AuthenticatorKind;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.config.HubConfig;
import org.ganymede.hub.Users;
import org.ganymede.spawn.local.SystemAccounts;

/** The {@code LocalAuthenticator} account traits as the hub's account hook and the spawner's accounts. */
final class AccountWiring {
  private AccountWiring() {}

  /**
   * JupyterHub's {@code LocalAuthenticator.add_user}: with PAM, a user the hub gains through the API
   * or a first login must have a Unix account, created with {@code add_user_cmd} (and {@code uids})
   * when {@code create_system_users} is on. Other authenticators add nothing outside the hub.
   */
  static Users.AccountHook onUserAdded(AuthenticatorSettings a) {
    if (a.kind() != AuthenticatorKind.PAM) return Users.AccountHook.none();
    SystemAccounts accounts = new SystemAccounts(SystemAccounts.Settings.defaults()
        .withCreation(a.createSystemUsers(), a.addUserCmd(), a.uids()));
    return accounts::ensureExists;
  }

  /**
   * The accounts LocalProcessSpawner runs servers as (as root). Pending settings, taken here when
   * the catalogue has them: {@code LocalProcessSpawner.username_template} (default
   * {@code {USERNAME}}), {@code LocalProcessSpawner.create_system_users} (default False) and
   * {@code LocalProcessSpawner.allowed_system_users} (default empty).
   */
  static SystemAccounts forServers(HubConfig config) {
    AuthenticatorSettings a = config.authenticator();
    return new SystemAccounts(SystemAccounts.Settings.defaults().withCreation(false, a.addUserCmd(), a.uids()));
  }
}
