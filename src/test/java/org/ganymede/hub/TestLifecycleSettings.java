package org.ganymede.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StopTimeouts;

/** Lifecycle settings for in-memory hub tests: 10 s bounds, 1 s stop steps, logs in {@code dir}. */
final class TestLifecycleSettings {
  static final String HUB_API = "http://127.0.0.1:1/hub/api";

  private TestLifecycleSettings() {}

  static LifecycleSettings standard(Path dir) {
    return new LifecycleSettings("/", HUB_API, timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60)),
        limits(10, true, 0), servers(dir), noScopes(), false);
  }

  /** {@code start}, {@code http} and {@code poll} as given; interrupt, term and kill 1 s each. */
  static LifecycleSettings.Timeouts timeouts(Duration start, Duration http, Duration poll) {
    return new LifecycleSettings.Timeouts(start, http, poll, StopTimeouts.ofSeconds(1, 1, 1));
  }

  /** No active-server limit, no named-server limit. */
  static LifecycleSettings.Limits limits(int concurrentSpawns, boolean namedServers, int consecutiveFailures) {
    return new LifecycleSettings.Limits(concurrentSpawns, 0, new ServerLifecycle.NamedServers(namedServers, 0),
        consecutiveFailures);
  }

  /** JupyterHub's default command, no extra variables, no internal TLS, logs in {@code dir}. */
  static LifecycleSettings.ServerSetup servers(Path dir) {
    return new LifecycleSettings.ServerSetup(ServerLaunch.defaults(), Map.of(), dir, Optional.empty());
  }

  static LifecycleSettings.Scopes noScopes() {
    return new LifecycleSettings.Scopes(List.of(), List.of());
  }
}
