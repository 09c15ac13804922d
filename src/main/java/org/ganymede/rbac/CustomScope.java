package org.ganymede.rbac;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code c.JupyterHub.custom_scopes}: a description shown on the OAuth confirmation
 * page and optional subscopes, which must themselves be custom scopes.
 */
public record CustomScope(String description, List<String> subscopes) {
  public CustomScope {
    Objects.requireNonNull(description, "description");
    subscopes = List.copyOf(subscopes);
  }

  public static CustomScope of(String description, String... subscopes) {
    return new CustomScope(description, List.of(subscopes));
  }
}
