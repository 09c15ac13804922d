package org.ganymede.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.http.HttpException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user and group models a client may send (JupyterHub's {@code _check_model}): every key must
 * be a field of the model and every value of the field's type, else 400 naming the key. What is
 * checked here is only the shape; whether a field can be acted on is the handler's business.
 */
enum BodyModel {
  USER("user", fields("name", Type.STRING, "admin", Type.BOOLEAN, "groups", Type.STRING_LIST,
      "roles", Type.STRING_LIST, "auth_state", Type.OBJECT)),
  GROUP("group", fields("name", Type.STRING, "users", Type.STRING_LIST, "roles", Type.STRING_LIST));

  /** The JSON types a model field can have; JSON null is none of them, as in JupyterHub. */
  private enum Type {
    STRING("a string"), BOOLEAN("true or false"), STRING_LIST("a list of strings"), OBJECT("a JSON object");

    final String description;

    Type(String description) {
      this.description = description;
    }

    boolean accepts(JsonNode v) {
      return switch (this) {
        case STRING -> v.isString();
        case BOOLEAN -> v.isBoolean();
        case OBJECT -> v.isObject();
        case STRING_LIST -> {
          if (!v.isArray()) yield false;
          for (JsonNode item : v) if (!item.isString()) yield false;
          yield true;
        }
      };
    }
  }

  private final String name;
  private final Map<String, Type> types;

  BodyModel(String name, Map<String, Type> types) {
    this.name = name;
    this.types = types;
  }

  /**
   * Checks {@code body} leaving out {@code ignored} (the list key of a bulk create: {@code usernames},
   * {@code groups}, checked by the handler).
   *
   * @throws HttpException 400 naming the unknown keys, or the first field of the wrong type
   */
  void check(ObjectNode body, String... ignored) {
    List<String> unknown = new ArrayList<>();
    for (String key : body.propertyNames()) {
      if (!types.containsKey(key) && !List.of(ignored).contains(key)) unknown.add(key);
    }
    if (!unknown.isEmpty()) {
      throw HttpException.badRequest("Invalid JSON keys " + quoted(unknown) + " in the " + name + " model; allowed: "
          + String.join(", ", types.keySet()));
    }
    for (var field : types.entrySet()) {
      JsonNode v = body.get(field.getKey());
      if (v != null && !field.getValue().accepts(v)) {
        throw HttpException.badRequest(name + "." + field.getKey() + " must be " + field.getValue().description
            + ", not: " + abbreviated(v));
      }
    }
  }

  private static String quoted(List<String> keys) {
    return keys.stream().map(k -> "'" + org.ganymede.model.UserName.shorten(k) + "'").toList().toString();
  }

  private static String abbreviated(JsonNode v) {
    String text = v.toString();
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private static Map<String, Type> fields(Object... keysAndTypes) {
    Map<String, Type> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndTypes.length; i += 2) out.put((String) keysAndTypes[i], (Type) keysAndTypes[i + 1]);
    return out;
  }
}
