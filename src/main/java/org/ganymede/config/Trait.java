package org.ganymede.config;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One option of a configurable class, as JupyterHub declares it: owner class, name, type,
 * default, one line of help, and optional bounds or choices.
 *
 * @param aliasOf another trait of the same class this name stands for (deprecated JupyterHub names)
 * @param unsupported why a non-default value is refused ("not supported yet: ..."), when Ganymede cannot honour the trait
 */
record Trait(
    String owner,
    String name,
    TraitType type,
    JsonNode defaultValue,
    String help,
    double min,
    double max,
    List<String> choices,
    boolean secret,
    Optional<String> aliasOf,
    Optional<String> unsupported) {

  String qualifiedName() {
    return owner + "." + name;
  }

  boolean hasBounds() {
    return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
  }

  /** Whether {@code value} is the default; numbers compare by value (YAML's 300 is JSON's 300L). */
  boolean isDefault(JsonNode value) {
    if (value.isNumber() && defaultValue.isNumber()) return value.asDouble() == defaultValue.asDouble();
    return value.equals(defaultValue);
  }

  /** Every problem with {@code value} for this trait: type, bounds, choices, refusal. */
  List<String> problems(JsonNode value) {
    String shown = secret ? "<secret>" : Literals.repr(value);
    List<String> typeProblems = type.problems(value);
    if (!typeProblems.isEmpty()) {
      if (typeProblems.size() == 1 && typeProblems.get(0).isEmpty()) {
        return List.of(name + " must be " + type.expected() + ", got " + shown);
      }
      return typeProblems.stream().map(p -> name + p).toList();
    }
    if (unsupported.isPresent() && !isDefault(value)) {
      return List.of(name + " is " + unsupported.get() + ", got " + shown);
    }
    if (value.isNumber()) {
      double number = value.asDouble();
      if (number < min) {
        return List.of(name + " must be at least " + Literals.number(min) + ", got " + shown);
      }
      if (number > max) {
        return List.of(name + " must be at most " + Literals.number(max) + ", got " + shown);
      }
    }
    if (!choices.isEmpty() && value.isString() && !TraitType.matchesChoice(choices, value.stringValue())) {
      return List.of(name + " must be one of " + String.join(", ", choices) + ", got " + shown);
    }
    return List.of();
  }
}
