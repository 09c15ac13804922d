package org.ganymede.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.dummy.DummyAuthenticator;
import org.ganymede.auth.ldap.LdapAuthenticator;
import org.ganymede.auth.oauth.OAuthAuthenticator;
import org.ganymede.auth.pam.PamAuthenticator;
import org.ganymede.config.AuthenticatorKind;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.config.HubConfig;
import org.ganymede.config.Secret;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.local.LocalProcessSpawner;
import org.ganymede.spawn.local.SimpleLocalProcessSpawner;
import org.ganymede.spawn.sudo.SudoSpawner;

/**
 * The plugins the config names ({@code authenticator_class}, {@code spawner_class}): the one place
 * that names their implementation classes.
 */
final class Implementations {
  private Implementations() {}

  /** One authenticator for the hub's life (PAM's thread pool is closed with the hub). */
  static Authenticator authenticator(HubConfig config, Clock clock, Consumer<AutoCloseable> closeLater) {
    return switch (config.authenticator().kind()) {
      case DUMMY -> new DummyAuthenticator(config.authenticator().password().map(Secret::text));
      case PAM -> {
        AuthenticatorSettings a = config.authenticator();
        PamAuthenticator pam = PamAuthenticator.create(PamAuthenticator.Settings.of(a.service(), a.encoding(),
            a.checkAccount()).withOpenSessions(a.openSessions()).withNormalizeUsername(a.pamNormalizeUsername()));
        closeLater.accept(pam);
        yield pam;
      }
      case GENERIC_OAUTH, GITHUB_OAUTH, GITLAB_OAUTH, GOOGLE_OAUTH, AZURE_AD_OAUTH, CILOGON_OAUTH, AUTH0_OAUTH ->
          OAuthAuthenticator.create(config.oauth(), oauthClassName(config.authenticator().kind()), clock);
      case LDAP -> ldapAuthenticator(config);
      case NULL -> throw new StartupException("JupyterHub.authenticator_class = "
          + config.authenticator().kind() + " is not available in this version; use 'dummy'");
    };
  }

  /** oauthenticator's class path, as /hub/api/info names the authenticator. */
  private static String oauthClassName(AuthenticatorKind kind) {
    String module = switch (kind) {
      case GITHUB_OAUTH -> "github";
      case GITLAB_OAUTH -> "gitlab";
      case GOOGLE_OAUTH -> "google";
      case AZURE_AD_OAUTH -> "azuread";
      case CILOGON_OAUTH -> "cilogon";
      case AUTH0_OAUTH -> "auth0";
      default -> "generic";
    };
    return "oauthenticator." + module + "." + kind.configClass();
  }

  /** The LDAP authenticator; a template or file its settings name that is wrong stops the start, naming it. */
  private static LdapAuthenticator ldapAuthenticator(HubConfig config) {
    try {
      return LdapAuthenticator.create(config.ldap());
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage());
    }
  }

  /** The spawner named by {@code JupyterHub.spawner_class}; {@code env} is the hub's environment ({@code env_keep}). */
  static Spawner spawner(HubConfig config, Map<String, String> env) {
    List<String> shellCmd = config.spawner().shellCmd();
    return switch (config.spawner().kind()) {
      case LOCAL_PROCESS -> LocalProcessSpawner.create(env, AccountWiring.forServers(config)).withShellCmd(shellCmd);
      case SIMPLE -> SimpleLocalProcessSpawner.create(env, Path.of(config.spawner().homeDirTemplate()
          .replace("{username}", "").replaceAll("/+$", ""))).withShellCmd(shellCmd);
      // The hub runs as the service user; `ganymede setup` installs the helper and the sudoers grant.
      case SUDO -> {
        if (!shellCmd.isEmpty()) {
          throw new StartupException("LocalProcessSpawner.shell_cmd = " + shellCmd + " cannot apply to the sudo "
              + "spawner: what runs is fixed by the spawn helper's root-owned config (its cmd); remove shell_cmd "
              + "or put the shell into the helper config's cmd");
        }
        yield SudoSpawner.create(SudoSpawner.Options.defaults().withHelper(config.spawner().helperPath())
            .withUsersGroup(config.spawner().usersGroup())
            .withHomeDirectories(config.spawner().createHomeDirectories()));
      }
    };
  }
}
