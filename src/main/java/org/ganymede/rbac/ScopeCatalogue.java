package org.ganymede.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every scope the hub knows: JupyterHub 5.x's 47 built-in scopes plus custom scopes from
 * {@code c.JupyterHub.custom_scopes}. Immutable; {@link #withCustomScopes} returns a new catalogue.
 */
public final class ScopeCatalogue {
  /** Same rule as JupyterHub: {@code custom:} then lower-case letters, digits and {@code -_:*}. */
  private static final Pattern CUSTOM_NAME =
      Pattern.compile("custom:[a-z0-9][a-z0-9_\\-*:]+[a-z0-9_*]");

  private static final ScopeCatalogue STANDARD = new ScopeCatalogue(StandardScopes.definitions());

  private final Map<String, ScopeDefinition> definitions;

  private ScopeCatalogue(Map<String, ScopeDefinition> definitions) {
    this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
  }

  /** The built-in scopes of JupyterHub 5.5. */
  public static ScopeCatalogue standard() {
    return STANDARD;
  }

  /**
   * This catalogue plus {@code custom} (name → definition), validated as JupyterHub does: names
   * start with {@code custom:}, subscopes of custom scopes are custom scopes defined here or before.
   */
  public ScopeCatalogue withCustomScopes(Map<String, CustomScope> custom) {
    Map<String, ScopeDefinition> merged = new LinkedHashMap<>(definitions);
    for (var entry : custom.entrySet()) {
      String name = entry.getKey();
      CustomScope spec = entry.getValue();
      if (!CUSTOM_NAME.matcher(name).matches()) {
        throw new RbacException("custom scope '" + Filter.shorten(name) + "' in JupyterHub.custom_scopes"
            + " is not a valid name: it must start with 'custom:', contain only lower-case letters,"
            + " digits and -_:*, and not end with '-' or ':' (e.g. 'custom:myapp:read')");
      }
      ScopeDefinition existing = definitions.get(name);
      ScopeDefinition definition = new ScopeDefinition(name, spec.description(), spec.subscopes());
      if (existing != null && !existing.equals(definition)) {
        throw new RbacException("custom scope '" + name + "' is already defined differently;"
            + " define it once in JupyterHub.custom_scopes");
      }
      for (String sub : spec.subscopes()) {
        boolean known = custom.containsKey(sub) || (merged.containsKey(sub) && sub.startsWith("custom:"));
        if (!known && definitions.containsKey(sub)) {
          throw new RbacException("custom scope '" + name + "' lists the built-in scope '" + sub
              + "' as a subscope; custom scopes may only have custom subscopes (use a role to"
              + " grant scopes together)");
        }
        if (!known) {
          throw new RbacException("custom scope '" + name + "' lists the subscope '" + sub
              + "', which is not defined; add it to JupyterHub.custom_scopes");
        }
      }
      merged.put(name, definition);
    }
    return new ScopeCatalogue(merged);
  }

  public Optional<ScopeDefinition> definition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  public boolean contains(String name) {
    return definitions.containsKey(name);
  }

  /** All definitions, built-in ones first in JupyterHub's documentation order. */
  public List<ScopeDefinition> all() {
    return List.copyOf(definitions.values());
  }

  /**
   * Parses and checks raw scope strings; {@code where} (e.g. "role 'ops'") is put in messages.
   *
   * @throws RbacException naming the first unknown scope and the closest known one
   */
  public ScopeSet validate(Collection<String> raw, String where) {
    List<Scope> scopes = new ArrayList<>(raw.size());
    for (String text : raw) {
      Scope scope;
      try {
        scope = Scope.parse(text);
      } catch (RbacException e) {
        throw new RbacException(e.getMessage() + " (in " + where + ")");
      }
      requireKnown(scope.name(), where);
      scopes.add(scope);
    }
    return ScopeSet.of(scopes);
  }

  void requireKnown(String name, String where) {
    if (definitions.containsKey(name)) {
      return;
    }
    if (name.equals("all")) {
      throw new RbacException("scope 'all' in " + where + " is now called 'inherit'");
    }
    throw new RbacException("scope '" + Filter.shorten(name) + "' in " + where + " does not exist"
        + closest(name).map(c -> "; did you mean '" + c + "'?").orElse(""));
  }

  /** The known scope name nearest to {@code name} by edit distance, if any is reasonably near. */
  public Optional<String> closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : definitions.keySet()) {
      int d = EditDistance.between(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int limit = Math.max(3, name.length() / 2);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /**
   * Describes raw scopes for a person, as JupyterHub's {@code describe_raw_scopes}: a filter naming
   * {@code viewer} (or a bare {@code !user}) reads "only you".
   */
  public List<ScopeDescription> describe(ScopeSet raw, String viewer) {
    List<ScopeDescription> out = new ArrayList<>();
    for (Scope scope : raw.scopes()) {
      String description = definition(scope.name()).map(ScopeDefinition::description).orElse("");
      String who = scope.filter().map(f -> {
        if (f.kind() == ResourceKind.USER && (f.isBare() || f.value().equals(viewer))) {
          return "only you";
        }
        String kind = f.kind() == ResourceKind.GROUP ? "users in group" : f.kind().key();
        return f.isBare() ? kind + " (owner)" : kind + " " + f.value();
      }).orElse("");
      out.add(new ScopeDescription(scope.name(), description, who));
    }
    return out;
  }

  /** {@code name} and all its subscopes, recursively. */
  Set<String> closure(String name) {
    Set<String> out = new LinkedHashSet<>();
    addClosure(name, out);
    return out;
  }

  private void addClosure(String name, Set<String> out) {
    if (!out.add(name)) {
      return;
    }
    ScopeDefinition definition = definitions.get(name);
    if (definition == null) {
      throw new RbacException("scope '" + Filter.shorten(name) + "' does not exist"
          + closest(name).map(c -> "; did you mean '" + c + "'?").orElse(""));
    }
    for (String sub : definition.subscopes()) {
      addClosure(sub, out);
    }
  }
}
