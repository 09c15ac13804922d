package org.ganymede.config;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A group from {@code JupyterHub.load_groups}: members to add (never removed) and properties.
 * Both JupyterHub forms are read: 3.0's {@code {"g": ["u"]}} and 5.x's
 * {@code {"g": {"users": [...], "properties": {...}}}}.
 */
public record GroupSpec(List<String> users, JsonNode properties) {
  public GroupSpec {
    users = List.copyOf(users);
    properties = properties.deepCopy();
  }

  /** A copy of the properties object; free-form JSON. */
  @Override
  public JsonNode properties() {
    return properties.deepCopy();
  }
}
