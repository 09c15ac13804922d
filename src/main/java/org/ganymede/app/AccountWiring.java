package org.ganymede.app;

import java.util.Optional;
import org.ganymede.auth.ldap.LdapAuthenticator;
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
   * The accounts LocalProcessSpawner runs servers as (as root): named by
   * {@code LocalProcessSpawner.username_template}, created on spawn with
   * {@code LocalAuthenticator.add_user_cmd} when {@code LocalProcessSpawner.create_system_users}
   * (The Littlest JupyterHub's jupyter-NAME accounts), system accounts only when in
   * {@code LocalProcessSpawner.allowed_system_users}.
   */
  static SystemAccounts forServers(HubConfig config) {
    AuthenticatorSettings a = config.authenticator();
    var sp = config.spawner();
    return new SystemAccounts(SystemAccounts.Settings.defaults().withUsernameTemplate(sp.usernameTemplate())
        .withCreation(sp.createSystemUsers(), a.addUserCmd(), a.uids())
        .withAllowedSystemUsers(sp.allowedSystemUsers()).withHomeDirectories(sp.createHomeDirectories()),
        directoryAccounts(config));
  }

  /**
   * {@code LDAPAuthenticator.account_attribute}: the account is that attribute of the user's entry,
   * looked up at each spawn (a directory change counts at the next start); the template otherwise.
   */
  static Optional<SystemAccounts.AccountNames> directoryAccounts(HubConfig config) {
    if (config.authenticator().kind() != AuthenticatorKind.LDAP || config.ldap().accountAttribute().isBlank()) {
      return Optional.empty();
    }
    LdapAuthenticator directory = LdapAuthenticator.create(config.ldap());
    return Optional.of(hubName -> directory.accountOf(hubName).orElseThrow());
  }
}
