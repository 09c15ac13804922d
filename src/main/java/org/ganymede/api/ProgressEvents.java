package org.ganymede.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ganymede.hub.SpawnEvent;
import org.ganymede.http.Json;

/**
 * Spawn events as JupyterHub's {@code SpawnProgressAPIHandler} sends them: one server-sent event
 * per spawn event, its fields in JupyterHub's order (clients may compare the text).
 */
final class ProgressEvents {
  private ProgressEvents() {}

  /** {@code data: {json}} and the blank line that ends a server-sent event. */
  static String sse(SpawnEvent event) {
    return "data: " + Json.write(json(event)) + "\n\n";
  }

  /**
   * A step is {@code progress, message}; the end is {@code progress: 100} with {@code ready, message,
   * html_message, url} or {@code failed, message}.
   */
  static Map<String, Object> json(SpawnEvent event) {
    Map<String, Object> e = new LinkedHashMap<>();
    switch (event) {
      case SpawnEvent.Step step -> {
        e.put("progress", step.progress());
        e.put("message", step.message());
      }
      case SpawnEvent.Ready ready -> {
        e.put("progress", 100);
        e.put("ready", true);
        e.put("message", "Server ready at " + ready.url());
        e.put("html_message", "Server ready at <a href=\"" + ready.url() + "\">" + ready.url() + "</a>");
        e.put("url", ready.url());
      }
      case SpawnEvent.Failed failed -> {
        e.put("progress", 100);
        e.put("failed", true);
        e.put("message", failed.message());
      }
    }
    return e;
  }
}
