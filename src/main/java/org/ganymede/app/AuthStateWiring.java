package org.ganymede.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.ganymede.auth.Authenticator;
import org.ganymede.config.HubConfig;
import org.ganymede.hub.AuthStates;
import org.ganymede.hub.UserAuth;
import org.ganymede.security.CryptKeeper;
import org.ganymede.security.SecurityConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authenticator.enable_auth_state}, {@code auth_refresh_age}, {@code refresh_pre_spawn}
 * and {@code Spawner.auth_state_env} turned into the hub's {@link UserAuth}, with the keys of
 * {@code JUPYTERHUB_CRYPT_KEY}. A hub told to keep auth state without a usable key does not start:
 * JupyterHub would start and then fail each login that has a state to save.
 */
final class AuthStateWiring {
  private static final Logger log = LoggerFactory.getLogger(AuthStateWiring.class);

  private AuthStateWiring() {}

  static UserAuth userAuth(HubConfig config, Map<String, String> env, HubState state, Authenticator authenticator,
      Clock clock) {
    AuthStates states = states(config, env, state, clock);
    Map<String, String> fromState = config.spawner().authStateEnv();
    if (!fromState.isEmpty() && !states.enabled()) {
      throw new StartupException("Spawner.auth_state_env = " + fromState + " needs the auth state: set "
          + "Authenticator.enable_auth_state = True (and " + CryptKeeper.KEY_ENV + "), or remove auth_state_env");
    }
    fromState.keySet().stream().filter(AuthStateWiring::reserved).findFirst().ifPresent(name -> {
      throw new StartupException("Spawner.auth_state_env cannot set " + name + ": the hub sets the JUPYTERHUB_* "
          + "and JPY_* variables each server needs; choose another name");
    });
    var a = config.authenticator();
    return new UserAuth(new UserAuth.Settings(Duration.ofSeconds(a.authRefreshAge()), a.refreshPreSpawn(), fromState),
        authenticator, states, state.users(), clock);
  }

  private static AuthStates states(HubConfig config, Map<String, String> env, HubState state, Clock clock) {
    if (!config.authenticator().enableAuthState()) return AuthStates.disabled(state.directory());
    Optional<CryptKeeper> keeper;
    try {
      keeper = CryptKeeper.fromEnvironment(env.getOrDefault(CryptKeeper.KEY_ENV, ""), clock);
    } catch (SecurityConfigException e) {
      throw new StartupException("Authenticator.enable_auth_state = True, but " + e.getMessage());
    }
    if (keeper.isEmpty()) {
      throw new StartupException("Authenticator.enable_auth_state = True needs encryption keys in "
          + CryptKeeper.KEY_ENV + ", which is empty or unset: " + CryptKeeper.HOW_TO_MAKE_ONE);
    }
    log.info("auth state: kept encrypted with {} key(s) from {}", keeper.get().keyCount(), CryptKeeper.KEY_ENV);
    return AuthStates.encrypted(state.directory(), keeper.get());
  }

  private static boolean reserved(String name) {
    return name.startsWith("JUPYTERHUB_") || name.startsWith("JPY_");
  }
}
