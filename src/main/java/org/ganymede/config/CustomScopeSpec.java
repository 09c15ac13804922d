package org.ganymede.config;

import java.util.List;

/** One entry of {@code JupyterHub.custom_scopes}: its description and the custom scopes it implies. */
public record CustomScopeSpec(String description, List<String> subscopes) {
  public CustomScopeSpec {
    subscopes = List.copyOf(subscopes);
  }
}
