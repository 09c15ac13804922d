package org.ganymede.rbac;

import java.util.Set;

/** Answers which groups a user belongs to now; group filters are resolved through it. */
@FunctionalInterface
public interface GroupMembership {
  /** The names of the groups {@code userName} is a member of; empty for unknown users. */
  Set<String> groupsOf(String userName);

  /** Nobody is in any group: group filters then cover only themselves. */
  static GroupMembership none() {
    return user -> Set.of();
  }
}
