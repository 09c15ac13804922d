package org.ganymede.store;

import java.util.List;
import java.util.Set;

/** A row of {@code roles} with its members, each as "user:NAME", "group:NAME" or "service:NAME". */
public record RoleRecord(long id, String name, String description, List<String> scopes, Set<String> members) {
  public RoleRecord {
    scopes = List.copyOf(scopes);
    members = Set.copyOf(members);
  }
}
