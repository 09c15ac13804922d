package org.ganymede.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON as the JupyterHub API writes it: ISO-8601 UTC timestamps with a trailing {@code Z}. */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** JupyterHub's {@code isoformat}: microseconds and a {@code Z}. */
  public static String time(Instant t) {
    return IsoTime.format(t);
  }

  public static String time(Optional<Instant> t) {
    return t.map(Json::time).orElse(null);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** UTF-8 bytes straight from the generator (no String in between, for large API answers). */
  public static byte[] writeBytes(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Parses a request body; an empty body is an empty object; anything malformed is a 400. */
  public static JsonNode parseBody(String body) {
    if (body == null || body.isBlank()) return object();
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw HttpException.badRequest("Invalid JSON in request body: " + e.getOriginalMessage());
    }
  }

  /** Parses a body that must be a JSON object. */
  public static ObjectNode parseObject(String body) {
    JsonNode node = parseBody(body);
    if (!node.isObject()) throw HttpException.badRequest("Request body must be a JSON object");
    return (ObjectNode) node;
  }

  /** Parses an ISO-8601 timestamp as JupyterHub accepts it (with or without a zone; UTC assumed). */
  public static Instant parseTime(String text, String field) {
    try {
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return java.time.OffsetDateTime.parse(text).toInstant();
      }
      return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      throw HttpException.badRequest(field + " must be an ISO 8601 timestamp, got '" + text + "'");
    }
  }

  public static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }
}
