package org.ganymede.store;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON columns. */
final class JsonColumns {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonColumns() {}

  static List<String> stringList(String json) {
    return json == null || json.isEmpty() ? List.of() : MAPPER.readValue(json, new TypeReference<List<String>>() {});
  }

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
