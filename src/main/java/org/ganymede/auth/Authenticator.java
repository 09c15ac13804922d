package org.ganymede.auth;

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

  /** An identity as the authenticator returns it, before normalization. */
  record Identity(String name, Optional<Boolean> admin, Optional<Set<String>> groups) {
    public static Identity of(String name) {
      return new Identity(name, Optional.empty(), Optional.empty());
    }
  }
}
