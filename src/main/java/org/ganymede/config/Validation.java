package org.ganymede.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks every assignment once: the class and trait exist (with a "did you mean"), in-place
 * modifications fit the value they modify, the merged value has the trait's type, bounds and
 * choices, and plugin names are ones Ganymede ships. Merges assignments in precedence order.
 */
final class Validation {
  private final TraitCatalogue catalogue;

  Validation(TraitCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** The merged value per {@code Class.trait}; problems are added to {@code problems}. */
  Map<String, Assignment> check(List<Assignment> assignments, List<String> problems) {
    Map<String, Assignment> merged = new LinkedHashMap<>();
    for (Assignment a : assignments) {
      Optional<Trait> trait = known(a, problems);
      if (trait.isEmpty()) continue;
      String name = trait.get().aliasOf().orElse(a.traitName());
      Trait target = catalogue.find(a.className(), name).orElseThrow();
      String key = a.className() + "." + name;
      JsonNode base = merged.containsKey(key) ? merged.get(key).value() : target.defaultValue();
      Optional<JsonNode> value = apply(a, base);
      if (value.isEmpty()) {
        problems.add(a.source() + ": " + a.key() + "." + method(a.op()) + "(...) does not fit its value "
            + (target.secret() ? "" : Literals.repr(base) + " ") + "(" + target.type().expected() + ")");
        continue;
      }
      merged.put(key, Assignment.set(a.className(), name, value.get(), a.source()));
    }
    for (Map.Entry<String, Assignment> e : merged.entrySet()) {
      Assignment a = e.getValue();
      Trait trait = catalogue.find(a.className(), a.traitName()).orElseThrow();
      List<String> found = trait.problems(a.value());
      found.forEach(p -> problems.add(a.source() + ": " + a.className() + "." + p));
      if (found.isEmpty()) {
        e.setValue(Assignment.set(a.className(), a.traitName(), trait.type().normalized(a.value()), a.source()));
      }
    }
    if (problems.isEmpty()) {
      plugin(merged, "authenticator_class", Plugins.AUTHENTICATORS, problems);
      plugin(merged, "spawner_class", Plugins.SPAWNERS, problems);
      plugin(merged, "proxy_class", Plugins.PROXIES, problems);
      crossChecks(merged, problems);
    }
    return merged;
  }

  private Optional<Trait> known(Assignment a, List<String> problems) {
    if (!catalogue.hasClass(a.className())) {
      problems.add(a.source() + ": unknown class '" + a.className() + "'"
          + Suggestions.hint(a.className(), catalogue.classNames())
          + " (known classes: " + String.join(", ", catalogue.classNames()) + ")");
      return Optional.empty();
    }
    Optional<Trait> trait = catalogue.find(a.className(), a.traitName());
    if (trait.isEmpty()) {
      String hint = Suggestions.hint(a.traitName(), catalogue.traitNames(a.className()));
      if (hint.isEmpty()) hint = elsewhere(a.traitName());
      problems.add(a.source() + ": " + a.className() + " has no trait '" + a.traitName() + "'" + hint);
    }
    return trait;
  }

  /** The class that has this trait, or a close one: " (service is a trait of PAMAuthenticator)". */
  private String elsewhere(String traitName) {
    Optional<String> exact = catalogue.classNames().stream()
        .filter(c -> catalogue.declaredTraits(c).stream().anyMatch(t -> t.name().equals(traitName)))
        .findFirst();
    if (exact.isPresent()) return " (" + traitName + " is a trait of " + exact.get() + ")";
    List<String> qualified = catalogue.classNames().stream()
        .flatMap(c -> catalogue.declaredTraits(c).stream().map(Trait::qualifiedName))
        .toList();
    return Suggestions.closest(traitName, qualified.stream().map(q -> q.substring(q.indexOf('.') + 1)).toList())
        .flatMap(name -> qualified.stream().filter(q -> q.endsWith("." + name)).findFirst())
        .map(q -> "; did you mean '" + q + "'?")
        .orElse("");
  }

  private static Optional<JsonNode> apply(Assignment a, JsonNode base) {
    return switch (a.op()) {
      case SET -> Optional.of(a.value());
      case UPDATE -> {
        if (!base.isObject() || !a.value().isObject()) yield Optional.empty();
        ObjectNode copy = (ObjectNode) base.deepCopy();
        a.value().properties().forEach(e -> copy.set(e.getKey(), e.getValue()));
        yield Optional.of(copy);
      }
      case APPEND -> {
        if (!base.isArray()) yield Optional.empty();
        ArrayNode copy = (ArrayNode) base.deepCopy();
        copy.add(a.value());
        yield Optional.of(copy);
      }
      case EXTEND -> {
        if (!base.isArray() || !a.value().isArray()) yield Optional.empty();
        ArrayNode copy = (ArrayNode) base.deepCopy();
        copy.addAll((ArrayNode) a.value());
        yield Optional.of(copy);
      }
    };
  }

  private static String method(Assignment.Op op) {
    return switch (op) {
      case SET -> "=";
      case UPDATE -> "update";
      case APPEND -> "append";
      case EXTEND -> "extend";
    };
  }

  private static void plugin(Map<String, Assignment> merged, String trait, Map<String, ?> names, List<String> problems) {
    Assignment a = merged.get("JupyterHub." + trait);
    if (a != null && Plugins.lookup(names, a.value().stringValue()).isEmpty()) {
      problems.add(a.source() + ": " + Plugins.unknown(trait, a.value().stringValue(), names));
    }
  }

  private static void crossChecks(Map<String, Assignment> merged, List<String> problems) {
    Assignment cert = merged.get("JupyterHub.ssl_cert");
    Assignment key = merged.get("JupyterHub.ssl_key");
    boolean hasCert = cert != null && !cert.value().stringValue().isEmpty();
    boolean hasKey = key != null && !key.value().stringValue().isEmpty();
    if (hasCert != hasKey) {
      Assignment set = hasCert ? cert : key;
      problems.add(set.source() + ": JupyterHub." + set.traitName() + " is set but JupyterHub."
          + (hasCert ? "ssl_key" : "ssl_cert") + " is not; TLS needs both");
    }
    Assignment pageDefault = merged.get("JupyterHub.api_page_default_limit");
    Assignment pageMax = merged.get("JupyterHub.api_page_max_limit");
    long defaultLimit = pageDefault == null ? 50 : pageDefault.value().asLong();
    long maxLimit = pageMax == null ? 200 : pageMax.value().asLong();
    if (defaultLimit > maxLimit) {
      Assignment blame = pageDefault != null ? pageDefault : pageMax;
      problems.add(blame.source() + ": JupyterHub.api_page_default_limit (" + defaultLimit
          + ") must not exceed JupyterHub.api_page_max_limit (" + maxLimit + ")");
    }
  }

}
