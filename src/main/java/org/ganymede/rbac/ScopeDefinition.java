package org.ganymede.rbac;

import java.util.List;

/** A scope in the catalogue: its name, a one-line description and its direct subscopes. */
record ScopeDefinition(String name, String description, List<String> subscopes) {
  public ScopeDefinition {
    subscopes = List.copyOf(subscopes);
  }

  static ScopeDefinition of(String name, String description, String... subscopes) {
    return new ScopeDefinition(name, description, List.of(subscopes));
  }
}
