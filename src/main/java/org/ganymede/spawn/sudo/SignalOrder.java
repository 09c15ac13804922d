package org.ganymede.spawn.sudo;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A checked {@code signal} request: which process (pid + start time) gets which signal. */
record SignalOrder(long pid, long startTime, int signal) {
  static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "KILL", 9, "TERM", 15);

  static SignalOrder parse(JsonNode request) {
    SpawnOrder.unknownKeys(request, List.of("action", "pid", "start_time", "signal"));
    JsonNode pid = request.path("pid");
    JsonNode start = request.path("start_time");
    if (!pid.canConvertToLong() || pid.asLong() <= 1 || !pid.isIntegralNumber()) {
      throw new HelperException("pid must be a number greater than 1, got " + pid);
    }
    if (!start.isIntegralNumber() || start.asLong() < 0) {
      throw new HelperException("start_time must be a non-negative number, got " + start);
    }
    String name = request.path("signal").asString("");
    Integer signal = SIGNALS.get(name);
    if (signal == null) throw new HelperException("signal must be one of " + SIGNALS.keySet() + ", got '" + name + "'");
    return new SignalOrder(pid.asLong(), start.asLong(), signal);
  }
}
