package org.ganymede.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Authenticator.Refresh;
import org.ganymede.auth.LoginResult;
import org.ganymede.store.UserRecord;
import org.ganymede.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub keeps of each user's login after it succeeded: the auth state, when the login was
 * last checked, and what servers get from it. JupyterHub's {@code auth_to_user},
 * {@code refresh_auth} and {@code auth_state_hook}, minus the Python.
 *
 * <p>Refresh (JupyterHub 5's rules): a request from a user whose last check is older than
 * {@code auth_refresh_age} asks the authenticator's {@link Authenticator#refreshUser}; "expired"
 * makes the request unauthenticated (pages then send the user to log in). With
 * {@code refresh_pre_spawn}, every spawn asks first and is refused with 403 when expired. The
 * time of the last check is kept in memory, so a restarted hub checks each user once more.
 * {@code auth_refresh_age = 0} turns the age-based check off but not the pre-spawn one, as
 * JupyterHub documents (its code skips both).
 */
public final class UserAuth implements SpawnAuth {
  private static final Logger log = LoggerFactory.getLogger(UserAuth.class);

  /**
   * @param refreshAge {@code Authenticator.auth_refresh_age}; zero for no age-based refresh
   * @param refreshBeforeSpawn {@code Authenticator.refresh_pre_spawn}
   * @param environment {@code Spawner.auth_state_env}: {ENV_NAME: auth_state key}
   */
  public record Settings(Duration refreshAge, boolean refreshBeforeSpawn, Map<String, String> environment) {
    public Settings {
      environment = Map.copyOf(environment);
    }
  }

  private final Settings settings;
  private final Authenticator authenticator;
  private final AuthStates states;
  private final Users users;
  private final Clock clock;
  private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();

  public UserAuth(Settings settings, Authenticator authenticator, AuthStates states, Users users, Clock clock) {
    this.settings = settings;
    this.authenticator = authenticator;
    this.states = states;
    this.users = users;
    this.clock = clock;
  }

  /** The users' stored auth states (for the API's {@code auth_state} field). */
  public AuthStates states() {
    return states;
  }

  /**
   * Records a login the pipeline allowed, whatever flow it came through (form, OAuth callback):
   * the user (created when new, admin granted, see {@link Users#login}), its auth state (stored,
   * or the old one cleared, see {@link AuthStates#save}), and a fresh check for the refresh age.
   */
  public UserRecord logIn(LoginResult.Allowed allowed) {
    UserRecord user = users.login(allowed.name(), allowed.admin());
    states.save(user.name(), allowed.authState());
    lastChecked.put(user.name(), clock.instant());
    return user;
  }

  /**
   * Whether the user's login still holds for a request, refreshing it when its last check is
   * older than {@code auth_refresh_age}. False means the request counts as unauthenticated.
   */
  public boolean stillValid(String userName) {
    if (settings.refreshAge().isZero()) return true;
    Instant last = lastChecked.get(userName);
    if (last != null && Duration.between(last, clock.instant()).compareTo(settings.refreshAge()) < 0) return true;
    return refresh(userName);
  }

  @Override
  public void checkBeforeSpawn(String userName) {
    if (!settings.refreshBeforeSpawn()) return;
    if (!refresh(userName)) throw HttpException.forbidden("auth has expired for " + userName + ", login again");
  }

  @Override
  public Map<String, String> environment(String userName) {
    if (settings.environment().isEmpty()) return Map.of();
    Optional<Map<String, Object>> state = states.get(userName);
    Map<String, String> env = new LinkedHashMap<>();
    settings.environment().forEach((variable, key) -> {
      Object value = state.map(s -> s.get(key)).orElse(null);
      if (value == null) {
        log.warn("Spawner.auth_state_env: the auth state of {} has no '{}'; {} is not set", userName, key, variable);
      } else {
        env.put(variable, value instanceof String s ? s : org.ganymede.http.Json.write(value));
      }
    });
    return env;
  }

  /** Asks the authenticator; applies what it found. False when the login has expired. */
  private boolean refresh(String userName) {
    Instant now = clock.instant();
    Refresh found = authenticator.refreshUser(userName, states.get(userName));
    switch (found) {
      case Refresh.Expired expired -> {
        log.warn("User {} has stale auth info. Login is required to refresh. ({})", userName, expired.reason());
        lastChecked.remove(userName);
        return false;
      }
      case Refresh.UpToDate upToDate -> { }
      case Refresh.Updated updated -> {
        updated.admin().ifPresent(admin -> users.setAdmin(userName, admin));
        if (updated.authState().isPresent()) states.save(userName, updated.authState());
      }
    }
    lastChecked.put(userName, now);
    return true;
  }
}
