package org.ganymede.spawn.sudo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ganymede.security.pki.ServerTlsPem;
import tools.jackson.databind.JsonNode;

/**
 * A checked {@code spawn} request: server name, port, the environment the hub asks for and, with
 * internal TLS, the server's key and certificates.
 */
record SpawnOrder(String server, int port, Map<String, String> env, Optional<ServerTlsPem> tls) {
  private static final List<String> KEYS = List.of("action", "server", "port", "env", "tls");
  private static final List<String> TLS_KEYS = List.of(Protocol.TLS_KEY, Protocol.TLS_CERTIFICATE, Protocol.TLS_CLIENT_CA);

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
    return new SpawnOrder(server, port.asInt(), env, tls(request.path("tls")));
  }

  /** Three PEM strings or nothing; the messages never quote the values (one of them is a key). */
  private static Optional<ServerTlsPem> tls(JsonNode node) {
    if (node.isMissingNode()) return Optional.empty();
    if (!node.isObject()) throw new HelperException("tls must be an object with " + TLS_KEYS);
    unknownKeys(node, TLS_KEYS);
    String[] pem = new String[TLS_KEYS.size()];
    for (int i = 0; i < pem.length; i++) {
      JsonNode value = node.path(TLS_KEYS.get(i));
      if (!value.isString() || !value.asString().startsWith("-----BEGIN ") || value.asString().indexOf('\0') >= 0) {
        throw new HelperException("tls." + TLS_KEYS.get(i) + " must be PEM text starting with -----BEGIN");
      }
      pem[i] = value.asString();
    }
    return Optional.of(new ServerTlsPem(pem[0], pem[1], pem[2]));
  }

  static void unknownKeys(JsonNode request, List<String> known) {
    for (String key : request.propertyNames()) {
      if (!known.contains(key)) throw new HelperException("unknown request key '" + key + "' (known: " + known + ")");
    }
  }
}
