package org.ganymede.rbac;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named bundle of raw scopes and who holds it: one entry of {@code c.JupyterHub.load_roles}
 * (name, description, scopes, users, groups, services) or a default role.
 */
public record Role(String name, String description, List<String> scopes, Set<String> users,
    Set<String> groups, Set<String> services) {
  public Role {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    scopes = List.copyOf(scopes);
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
    services = Set.copyOf(services);
  }

  /** A role assigned to nobody yet. */
  public static Role of(String name, String description, List<String> scopes) {
    return new Role(name, description, scopes, Set.of(), Set.of(), Set.of());
  }
}
