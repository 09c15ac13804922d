package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Building and printing config values, which are held as Jackson trees. Printing is Python-like. */
final class Literals {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_REPR = 80;

  private Literals() {}

  static JsonNode of(Object value) {
    return switch (value) {
      case JsonNode node -> node;
      case String s -> NODES.stringNode(s);
      case Integer i -> NODES.numberNode(i.longValue());
      case Long l -> NODES.numberNode(l);
      case Double d -> NODES.numberNode(d);
      case Boolean b -> NODES.booleanNode(b);
      case byte[] bytes -> NODES.binaryNode(bytes);
      case List<?> list -> {
        ArrayNode array = NODES.arrayNode();
        list.forEach(item -> array.add(of(item)));
        yield array;
      }
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set((String) k, of(v)));
        yield object;
      }
      default -> throw new IllegalArgumentException("not a literal: " + value.getClass());
    };
  }

  static JsonNode none() {
    return NODES.nullNode();
  }

  /** Python-like text of a value, shortened for messages. */
  static String repr(JsonNode v) {
    String full = fullRepr(v);
    return full.length() <= MAX_REPR ? full : full.substring(0, MAX_REPR - 1) + "…";
  }

  static String fullRepr(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) return "None";
    if (v.isBoolean()) return v.booleanValue() ? "True" : "False";
    if (v.isString()) return quote(v.stringValue());
    if (v.isBinary()) return "<" + v.binaryValue().length + " bytes>";
    if (v.isNumber()) return v.isIntegralNumber() ? v.asString() : pythonFloat(v.asDouble());
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.values().forEach(item -> items.add(fullRepr(item)));
      return "[" + String.join(", ", items) + "]";
    }
    List<String> entries = new ArrayList<>();
    v.properties().forEach(e -> entries.add(quote(e.getKey()) + ": " + fullRepr(e.getValue())));
    return "{" + String.join(", ", entries) + "}";
  }

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }

  /** As Python prints a float: 14.0, 2.5, 1e+20. */
  static String pythonFloat(double d) {
    String text = number(d);
    return text.contains(".") || text.contains("E") || text.contains("Infinity") || text.contains("NaN") ? text : text + ".0";
  }

  static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return Double.toString(d);
  }
}
