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

  /** What the authenticator calls itself in {@code /hub/api/info}. */
  String className();

  /** An identity as the authenticator returns it, before normalization. */
  record Identity(String name, Optional<Boolean> admin, Optional<Set<String>> groups) {
    public static Identity of(String name) {
      return new Identity(name, Optional.empty(), Optional.empty());
    }
  }
}
