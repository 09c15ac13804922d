package org.ganymede.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of an auth state: a JSON object as a map (values are strings, numbers, booleans,
 * lists, maps or null, as JSON reads them). Its top level is copied when it enters the SPI
 * types, so an authenticator reusing its own map cannot change what the hub stores. It holds
 * secrets: the SPI records show only its keys in {@code toString}.
 */
final class AuthState {
  private AuthState() {}

  static Map<String, Object> copy(Map<String, Object> state) {
    // LinkedHashMap, not Map.copyOf: JSON objects may hold null values and keep their key order.
    return Collections.unmodifiableMap(new LinkedHashMap<>(state));
  }

  /** What logs may show of an auth state: its keys. */
  static String describe(java.util.Optional<Map<String, Object>> state) {
    return state.map(s -> "auth_state with keys " + s.keySet()).orElse("no auth_state");
  }
}
