package org.ganymede.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The effective values one class sees, typed. Values were validated before, so the conversions
 * here cannot fail. A trait the class does not have (a PAM trait read for the dummy authenticator)
 * is read from the nearest class in {@code fallbacks} that has it.
 */
final class Values {
  private final TraitCatalogue catalogue;
  private final Map<String, Assignment> assigned;
  private final String className;
  private final List<String> fallbacks;

  Values(TraitCatalogue catalogue, Map<String, Assignment> assigned, String className, List<String> fallbacks) {
    this.catalogue = catalogue;
    this.assigned = assigned;
    this.className = className;
    this.fallbacks = fallbacks;
  }

  /** The winning value of a trait and where it came from. */
  Effective effective(String traitName) {
    String viewer = className;
    if (catalogue.find(viewer, traitName).isEmpty()) {
      viewer = fallbacks.stream().filter(c -> catalogue.find(c, traitName).isPresent()).findFirst()
          .orElseThrow(() -> new IllegalStateException("no trait " + traitName + " for " + className));
    }
    Trait trait = catalogue.find(viewer, traitName).orElseThrow();
    for (String c : catalogue.chain(viewer)) {
      Assignment a = assigned.get(c + "." + traitName);
      if (a != null) return new Effective(trait, a.value(), a.source(), c);
    }
    return new Effective(trait, trait.defaultValue(), Source.DEFAULT, trait.owner());
  }

  /** @param setOn the class whose section supplied the value (the declaring class for defaults) */
  record Effective(Trait trait, JsonNode value, Source source, String setOn) {}

  JsonNode raw(String name) {
    return effective(name).value();
  }

  String string(String name) {
    return raw(name).stringValue();
  }

  int integer(String name) {
    return (int) Math.min(Integer.MAX_VALUE, raw(name).asLong());
  }

  long longValue(String name) {
    return raw(name).asLong();
  }

  double number(String name) {
    return raw(name).asDouble();
  }

  boolean bool(String name) {
    return raw(name).booleanValue();
  }

  Optional<Boolean> optionalBool(String name) {
    JsonNode v = raw(name);
    return v.isNull() ? Optional.empty() : Optional.of(v.booleanValue());
  }

  Optional<Double> optionalNumber(String name) {
    JsonNode v = raw(name);
    return v.isNull() ? Optional.empty() : Optional.of(v.asDouble());
  }

  Optional<Long> byteSize(String name) {
    JsonNode v = raw(name);
    return v.isNull() ? Optional.empty() : Optional.of(TraitType.byteSize(v));
  }

  List<String> list(String name) {
    JsonNode v = raw(name);
    if (v.isString()) return List.of(v.stringValue()); // a command given as one string
    List<String> out = new ArrayList<>();
    v.values().forEach(item -> out.add(item.stringValue()));
    return List.copyOf(out);
  }

  Set<String> set(String name) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(list(name)));
  }

  Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    raw(name).properties().forEach(e -> out.put(e.getKey(), e.getValue().stringValue()));
    return java.util.Collections.unmodifiableMap(out);
  }

  Map<Secret, String> secretKeyMap(String name) {
    Map<Secret, String> out = new LinkedHashMap<>();
    raw(name).properties().forEach(e -> out.put(Secret.ofText(e.getKey()), e.getValue().stringValue()));
    return java.util.Collections.unmodifiableMap(out);
  }

  Map<String, Integer> intMap(String name) {
    Map<String, Integer> out = new LinkedHashMap<>();
    raw(name).properties().forEach(e -> out.put(e.getKey(), e.getValue().asInt()));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Bytes, or hex text decoded as JupyterHub does; empty when unset. */
  Optional<Secret> secretBytes(String name) {
    JsonNode v = raw(name);
    byte[] bytes = v.isBinary() ? v.binaryValue() : java.util.HexFormat.of().parseHex(v.stringValue().replaceAll("\\s", ""));
    return bytes.length == 0 ? Optional.empty() : Optional.of(new Secret(bytes));
  }

  Optional<Secret> secretText(String name) {
    String text = string(name);
    return text.isEmpty() ? Optional.empty() : Optional.of(Secret.ofText(text));
  }

  String logLevel(String name) {
    JsonNode v = raw(name);
    if (v.isIntegralNumber()) {
      int n = v.asInt();
      return n <= 10 ? "DEBUG" : n <= 20 ? "INFO" : n <= 30 ? "WARN" : n <= 40 ? "ERROR" : "CRITICAL";
    }
    String level = v.stringValue().toUpperCase();
    return level.equals("WARNING") ? "WARN" : level;
  }
}
