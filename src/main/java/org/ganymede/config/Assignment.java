package org.ganymede.config;

import tools.jackson.databind.JsonNode;

/**
 * One {@code Class.trait} setting read from one source. {@link Op} other than SET modify the value
 * in place as {@code c.Class.trait.update({...})} does in a Python config file: the base is the
 * value set earlier for the same class and trait, else the trait's default.
 */
record Assignment(String className, String traitName, Op op, JsonNode value, Source source) {
  enum Op {
    SET,
    /** dict.update */
    UPDATE,
    /** list.append / set.add */
    APPEND,
    /** list.extend, += */
    EXTEND
  }

  static Assignment set(String className, String traitName, JsonNode value, Source source) {
    return new Assignment(className, traitName, Op.SET, value, source);
  }

  String key() {
    return className + "." + traitName;
  }
}
