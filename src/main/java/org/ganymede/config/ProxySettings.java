package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chosen proxy and the {@code Proxy} / {@code ConfigurableHTTPProxy} traits. */
public record ProxySettings(
    ProxyKind kind,
    boolean shouldStart,
    Map<String, String> extraRoutes,
    Optional<Secret> authToken,
    String apiUrl,
    List<String> command,
    boolean debug,
    String logLevel,
    String pidFile,
    int checkRunningInterval) {

  static ProxySettings from(ProxyKind kind, Values v) {
    return new ProxySettings(kind, v.bool("should_start"), v.stringMap("extra_routes"), v.secretText("auth_token"),
        v.string("api_url"), v.list("command"), v.bool("debug"), v.string("log_level").toLowerCase(),
        v.string("pid_file"), v.integer("check_running_interval"));
  }
}
