package org.ganymede.spawn.sudo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** A checked {@code spawn} request: server name, port, and the environment the hub asks for. */
record SpawnOrder(String server, int port, Map<String, String> env) {
  private static final List<String> KEYS = List.of("action", "server", "port", "env");

  static SpawnOrder parse(JsonNode request) {
    unknownKeys(request, KEYS);
    String server = request.path("server").asString("");
    if (!Protocol.SERVER_NAME.matcher(server).matches()) {
      throw new HelperException("server name '" + server + "' is not allowed (letters, digits, '.', '_', '-')");
    }
    JsonNode port = request.path("port");
    if (!port.isInt() || port.asInt() < 1 || port.asInt() > 65535) {
      throw new HelperException("port must be a number 1–65535, got " + port);
    }
    JsonNode envNode = request.path("env");
    if (!envNode.isObject()) throw new HelperException("env must be an object of strings");
    Map<String, String> env = new TreeMap<>();
    envNode.properties().forEach(e -> {
      if (!e.getValue().isString()) throw new HelperException("env " + e.getKey() + " must be a string");
      if (e.getKey().contains("=") || e.getKey().indexOf('\0') >= 0 || e.getValue().asString().indexOf('\0') >= 0) {
        throw new HelperException("env " + e.getKey() + " has '=' or NUL");
      }
      env.put(e.getKey(), e.getValue().asString());
    });
    return new SpawnOrder(server, port.asInt(), env);
  }

  static void unknownKeys(JsonNode request, List<String> known) {
    for (String key : request.propertyNames()) {
      if (!known.contains(key)) throw new HelperException("unknown request key '" + key + "' (known: " + known + ")");
    }
  }
}
