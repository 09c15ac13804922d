package org.ganymede.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of an auth state: a JSON object as a map (values are strings, numbers, booleans,
 * lists, maps or null, as JSON reads them). Copied once when it enters the SPI types, so the
 * authenticator keeping its own map cannot change what the hub stores.
 */
final class AuthState {
  private AuthState() {}

  static Map<String, Object> copy(Map<String, Object> state) {
    // LinkedHashMap, not Map.copyOf: JSON objects may hold null values and keep their key order.
    return Collections.unmodifiableMap(new LinkedHashMap<>(state));
  }
}
