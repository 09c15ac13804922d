package org.ganymede.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every configurable class Ganymede knows, its parent class and the traits it declares. A class
 * sees its own traits and those of its ancestors; a subclass may redeclare a trait to change its
 * default (as {@code LocalProcessSpawner.env_keep} does).
 */
final class TraitCatalogue {
  private final Map<String, Optional<String>> parents = new LinkedHashMap<>();
  private final Map<String, Map<String, Trait>> declared = new LinkedHashMap<>();
  private final Map<String, String> classHelp = new LinkedHashMap<>();

  static TraitCatalogue jupyterHub() {
    return JupyterHubTraits.CATALOGUE;
  }

  ClassTraits declareClass(String name, Optional<String> parent, String help) {
    parents.put(name, parent);
    declared.put(name, new LinkedHashMap<>());
    classHelp.put(name, help);
    return new ClassTraits(name);
  }

  String classHelp(String className) {
    return classHelp.get(className);
  }

  List<String> classNames() {
    return List.copyOf(parents.keySet());
  }

  boolean hasClass(String name) {
    return parents.containsKey(name);
  }

  /** The class and its ancestors, most specific first. */
  List<String> chain(String className) {
    List<String> chain = new ArrayList<>();
    for (Optional<String> c = Optional.of(className); c.isPresent(); c = parents.get(c.get())) chain.add(c.get());
    return chain;
  }

  /** The trait as {@code className} sees it: its own declaration or the nearest ancestor's. */
  Optional<Trait> find(String className, String traitName) {
    for (String c : chain(className)) {
      Trait t = declared.get(c).get(traitName);
      if (t != null) return Optional.of(t);
    }
    return Optional.empty();
  }

  /** Every trait name {@code className} sees, ancestors' first, aliases excluded. */
  Set<String> traitNames(String className) {
    Set<String> names = new LinkedHashSet<>();
    List<String> chain = chain(className);
    Collections.reverse(chain);
    for (String c : chain) {
      declared.get(c).values().stream().filter(t -> t.aliasOf().isEmpty()).forEach(t -> names.add(t.name()));
    }
    return names;
  }

  /** Traits declared by the class itself, in declaration order, aliases excluded. */
  List<Trait> declaredTraits(String className) {
    return declared.get(className).values().stream().filter(t -> t.aliasOf().isEmpty()).toList();
  }

  /** Declares traits of one class; each method returns this for a compact table. */
  final class ClassTraits {
    private final String owner;
    private String last = "";

    ClassTraits(String owner) {
      this.owner = owner;
    }

    private ClassTraits add(String name, TraitType type, Object def, String help, double min, double max,
        List<String> choices, boolean secret, Optional<String> alias, Optional<String> unsupported) {
      JsonNode value = def == null ? Literals.none() : Literals.of(def);
      declared.get(owner).put(name,
          new Trait(owner, name, type, value, help, min, max, choices, secret, alias, unsupported));
      last = name;
      return this;
    }

    private ClassTraits add(String name, TraitType type, Object def, String help) {
      return add(name, type, def, help, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), false,
          Optional.empty(), Optional.empty());
    }

    ClassTraits string(String name, String def, String help) {
      return add(name, TraitType.STRING, def, help);
    }

    ClassTraits choice(String name, String def, List<String> choices, String help) {
      return add(name, TraitType.STRING, def, help, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, choices,
          false, Optional.empty(), Optional.empty());
    }

    ClassTraits secretString(String name, String help) {
      return add(name, TraitType.STRING, "", help, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(),
          true, Optional.empty(), Optional.empty());
    }

    ClassTraits integer(String name, long def, long min, long max, String help) {
      return add(name, TraitType.INT, def, help, min, max, List.of(), false, Optional.empty(), Optional.empty());
    }

    ClassTraits number(String name, double def, double min, String help) {
      return add(name, TraitType.FLOAT, def, help, min, Double.POSITIVE_INFINITY, List.of(), false,
          Optional.empty(), Optional.empty());
    }

    ClassTraits bool(String name, boolean def, String help) {
      return add(name, TraitType.BOOL, def, help);
    }

    ClassTraits optionalBool(String name, String help) {
      return add(name, TraitType.OPTIONAL_BOOL, null, help);
    }

    ClassTraits optionalNumber(String name, String help) {
      return add(name, TraitType.OPTIONAL_FLOAT, null, help, 0, Double.POSITIVE_INFINITY, List.of(), false,
          Optional.empty(), Optional.empty());
    }

    ClassTraits byteSize(String name, String help) {
      return add(name, TraitType.BYTE_SIZE, null, help);
    }

    ClassTraits list(String name, List<String> def, String help) {
      return add(name, TraitType.STRING_LIST, def, help);
    }

    ClassTraits set(String name, String help) {
      return add(name, TraitType.STRING_SET, List.of(), help);
    }

    ClassTraits command(String name, List<String> def, String help) {
      return add(name, TraitType.COMMAND, def, help);
    }

    ClassTraits stringMap(String name, String help) {
      return add(name, TraitType.STRING_MAP, Map.of(), help);
    }

    ClassTraits secretStringMap(String name, String help) {
      return add(name, TraitType.STRING_MAP, Map.of(), help, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          List.of(), true, Optional.empty(), Optional.empty());
    }

    ClassTraits intMap(String name, String help) {
      return add(name, TraitType.INT_MAP, Map.of(), help);
    }

    ClassTraits dict(String name, String help) {
      return add(name, TraitType.DICT, Map.of(), help);
    }

    ClassTraits secretBytes(String name, String help) {
      return add(name, TraitType.BYTES, new byte[0], help, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          List.of(), true, Optional.empty(), Optional.empty());
    }

    ClassTraits logLevel(String name, String def, String help) {
      return add(name, TraitType.LOG_LEVEL, def, help, 0, 50,
          List.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "CRITICAL"), false, Optional.empty(),
          Optional.empty());
    }

    ClassTraits structured(String name, TraitType type, String help) {
      boolean dict = type == TraitType.GROUPS || type == TraitType.CUSTOM_SCOPES;
      return add(name, type, dict ? Map.of() : List.of(), help);
    }

    /**
     * The trait declared last is accepted only at its default: any other value stops the start
     * with {@code why}. For features Ganymede does not have (yet), so that no setting is silently
     * ignored; such a trait has no component in the settings records.
     */
    ClassTraits refused(String why) {
      Trait t = declared.get(owner).get(last);
      declared.get(owner).put(last, new Trait(owner, t.name(), t.type(), t.defaultValue(), t.help(), t.min(), t.max(),
          t.choices(), t.secret(), t.aliasOf(), Optional.of(why)));
      return this;
    }

    /** A deprecated JupyterHub name that stands for another trait of the same class. */
    ClassTraits alias(String name, String target) {
      Trait t = declared.get(owner).get(target);
      return add(name, t.type(), t.defaultValue(), "deprecated name of " + target, t.min(), t.max(), t.choices(),
          t.secret(), Optional.of(target), t.unsupported());
    }
  }
}
