package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The value types traits take. {@link #problems} returns an empty list when a value fits, a list
 * holding one empty string for a plain type mismatch (the caller names trait, type and value), or
 * messages that start with a path inside the value ({@code [0]: unknown key 'adimn'}).
 */
enum TraitType {
  STRING("a string"),
  INT("an int"),
  FLOAT("a number"),
  BOOL("True or False"),
  STRING_LIST("a list of strings"),
  STRING_SET("a set of strings"),
  /** A command line: a list of strings, or one string meaning a one-element list. */
  COMMAND("a list of strings (or one string)"),
  STRING_MAP("a dict of string to string"),
  INT_MAP("a dict of string to int"),
  DICT("a dict with string keys"),
  /** Bytes, or a string of an even number of hex digits (as JupyterHub's cookie_secret). */
  BYTES("bytes (or a hex string)"),
  OPTIONAL_BOOL("True, False or None"),
  OPTIONAL_FLOAT("a number or None"),
  /** A memory size: None, an int of bytes, or a string such as '1G' (suffixes K, M, G, T). */
  BYTE_SIZE("None, an int of bytes or a size such as '512M' or '2G'"),
  LOG_LEVEL("a log level name or number"),
  ROLES("a list of role dicts"),
  SERVICES("a list of service dicts"),
  GROUPS("a dict of group name to a list of users or to {'users': [...], 'properties': {...}}"),
  CUSTOM_SCOPES("a dict of scope name to {'description': ..., 'subscopes': [...]}"),
  PROFILES("a list of profile dicts");

  private static final Pattern BYTE_SIZE_TEXT = Pattern.compile("(?i)\\d+(\\.\\d+)?\\s*[KMGT]?B?");
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}|\\s)*");
  private static final List<String> MISMATCH = List.of("");

  private final String expected;

  TraitType(String expected) {
    this.expected = expected;
  }

  String expected() {
    return expected;
  }

  List<String> problems(JsonNode v) {
    boolean ok =
        switch (this) {
          case STRING -> v.isString();
          case INT -> v.isIntegralNumber() && v.canConvertToLong();
          case FLOAT -> v.isNumber();
          case BOOL -> v.isBoolean();
          case STRING_LIST, STRING_SET -> isStringArray(v);
          case COMMAND -> v.isString() || isStringArray(v);
          case STRING_MAP -> v.isObject() && v.values().stream().allMatch(JsonNode::isString);
          case INT_MAP -> v.isObject() && v.values().stream().allMatch(JsonNode::isIntegralNumber);
          case DICT -> v.isObject();
          case BYTES -> v.isBinary() || (v.isString() && isHex(v.stringValue()));
          case OPTIONAL_BOOL -> v.isNull() || v.isBoolean();
          case OPTIONAL_FLOAT -> v.isNull() || v.isNumber();
          case BYTE_SIZE -> v.isNull()
              || (v.isIntegralNumber() && v.asLong() >= 0)
              || (v.isString() && BYTE_SIZE_TEXT.matcher(v.stringValue().strip()).matches());
          case LOG_LEVEL -> v.isString() || v.isIntegralNumber();
          case ROLES, SERVICES, GROUPS, CUSTOM_SCOPES, PROFILES -> true;
        };
    if (!ok) return MISMATCH;
    return switch (this) {
      case ROLES -> StructuredSpecs.roleProblems(v);
      case SERVICES -> StructuredSpecs.serviceProblems(v);
      case GROUPS -> StructuredSpecs.groupProblems(v);
      case CUSTOM_SCOPES -> StructuredSpecs.customScopeProblems(v);
      case PROFILES -> StructuredSpecs.profileProblems(v);
      default -> List.of();
    };
  }

  /** The canonical form of a valid value: one-string commands as lists, sets without repeats, hex as bytes. */
  JsonNode normalized(JsonNode v) {
    return switch (this) {
      case COMMAND -> v.isString() ? Literals.of(List.of(v.stringValue())) : v;
      case STRING_SET -> Literals.of(new ArrayList<>(new java.util.LinkedHashSet<>(
          v.values().stream().map(JsonNode::stringValue).toList())));
      case BYTES -> v.isString()
          ? Literals.of(java.util.HexFormat.of().parseHex(v.stringValue().replaceAll("\\s", ""))) : v;
      default -> v;
    };
  }

  static boolean matchesChoice(List<String> choices, String value) {
    return choices.stream().anyMatch(c -> c.equalsIgnoreCase(value));
  }

  static boolean isStringArray(JsonNode v) {
    return v.isArray() && v.values().stream().allMatch(JsonNode::isString);
  }

  static boolean isHex(String text) {
    String compact = text.replaceAll("\\s", "");
    return compact.length() % 2 == 0 && HEX.matcher(compact).matches();
  }

  /** Bytes of a memory size value already checked by {@link #problems}. */
  static long byteSize(JsonNode v) {
    if (v.isIntegralNumber()) return v.asLong();
    String text = v.stringValue().strip().toUpperCase().replace("B", "");
    char last = text.charAt(text.length() - 1);
    Map<Character, Long> units = Map.of('K', 1L << 10, 'M', 1L << 20, 'G', 1L << 30, 'T', 1L << 40);
    if (units.containsKey(last)) {
      double number = Double.parseDouble(text.substring(0, text.length() - 1).strip());
      return (long) (number * units.get(last));
    }
    return (long) Double.parseDouble(text);
  }

}
