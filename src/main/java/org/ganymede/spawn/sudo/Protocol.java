package org.ganymede.spawn.sudo;

import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words of the hub ↔ helper protocol: one JSON object on the helper's stdin, one on its stdout.
 *
 * <pre>
 * {"action":"spawn","server":"","port":8888,"env":{"JUPYTERHUB_API_TOKEN":"…",…},
 *  "tls":{"key":"-----BEGIN PRIVATE KEY…","certificate":"…","client_ca":"…"}}      ("tls" only with internal_ssl)
 *   → {"pid":1234,"start_time":5678,"port":8888,"log":"/home/alice/.ganymede/logs/default.log"}
 * {"action":"signal","pid":1234,"start_time":5678,"signal":"TERM"}   → {"alive":true|false}
 * {"action":"tail","server":"","lines":40}                           → {"lines":["…",…]}
 * anything refused                                                    → {"error":"…"}, exit status 1
 * </pre>
 */
final class Protocol {
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** Requests are small; a bigger one is refused unread. */
  static final int MAX_REQUEST_BYTES = 256 * 1024;
  /** Server names as the hub allows them, plus '' for the default server. */
  static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9._-]{0,255}");
  /** Environment names always let through: the hub → server contract, with the advisory resource limits. */
  static final Pattern CONTRACT_ENV =
      Pattern.compile("(JUPYTERHUB|JPY)_[A-Za-z0-9_]*|(MEM|CPU)_(LIMIT|GUARANTEE)");

  /** Set by the helper itself from the request's {@code tls}; refused in {@code env}. */
  static final Pattern HELPER_SET_ENV = Pattern.compile("JUPYTERHUB_SSL_[A-Za-z0-9_]*");
  static final String TLS_KEY = "key";
  static final String TLS_CERTIFICATE = "certificate";
  static final String TLS_CLIENT_CA = "client_ca";

  private Protocol() {}

  static String logName(String server) {
    return (server.isEmpty() ? "default" : server) + ".log";
  }
}
