package org.ganymede.config;

import java.util.List;

/** A role from {@code JupyterHub.load_roles}: scopes and who holds them. */
public record RoleSpec(
    String name,
    String description,
    List<String> scopes,
    List<String> users,
    List<String> groups,
    List<String> services) {
  public RoleSpec {
    scopes = List.copyOf(scopes);
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    services = List.copyOf(services);
  }
}
