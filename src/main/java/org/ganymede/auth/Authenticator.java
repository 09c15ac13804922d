package org.ganymede.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks credentials. Blocking; called on a virtual thread or the authenticator's own pool. */
public interface Authenticator {
  /** The authenticated identity, or empty when the credentials are wrong. */
  Optional<Identity> authenticate(Credentials credentials);

  /** The Unix (or directory) groups of a user, for {@code allowed_groups}/{@code admin_groups}. */
  default Set<String> groupsOf(String userName) {
    return Set.of();
  }

  /**
   * Called by the server lifecycle before each spawn of a server of {@code userName}, on the
   * spawn's own thread (JupyterHub's {@code pre_spawn_start}): e.g. opening a PAM session. Blocking;
   * an exception fails the spawn, so implementations that only log (PAM) catch their own failures.
   */
  default void preSpawnStart(String userName, String serverName) {}

  /**
   * Called after a server of {@code userName} has stopped, whether asked to, failed or found dead
   * (JupyterHub's {@code post_spawn_stop}): e.g. closing the PAM session. Blocking; exceptions are
   * logged and do not stop the clean-up.
   */
  default void postSpawnStop(String userName, String serverName) {}

  /** What the authenticator calls itself in {@code /hub/api/info}. */
  String className();

  /**
   * An identity as the authenticator returns it, before normalization.
   *
   * @param authState what the hub keeps encrypted for the user with {@code enable_auth_state}
   *     (tokens, directory attributes); JupyterHub's {@code auth_state} key, a JSON object
   */
  record Identity(String name, Optional<Boolean> admin, Optional<Set<String>> groups,
      Optional<Map<String, Object>> authState) {
    public Identity {
      authState = authState.map(Map::copyOf);
    }

    public Identity(String name, Optional<Boolean> admin, Optional<Set<String>> groups) {
      this(name, admin, groups, Optional.empty());
    }

    public static Identity of(String name) {
      return new Identity(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Identity withAuthState(Map<String, Object> state) {
      return new Identity(name, admin, groups, Optional.of(state));
    }
  }
}
