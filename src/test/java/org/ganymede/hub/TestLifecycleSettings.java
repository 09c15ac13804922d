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
  private TestLifecycleSettings() {}

  static ServerLifecycle.Settings standard(Path dir) {
    return new ServerLifecycle.Settings("/", "http://127.0.0.1:1/hub/api", Duration.ofSeconds(10),
        Duration.ofSeconds(10), Duration.ofSeconds(60), StopTimeouts.ofSeconds(1, 1, 1), 10, 0, true, 0,
        ServerLaunch.defaults(), Map.of(), List.of(), dir, Optional.empty(), List.of(), 0, false);
  }
}
