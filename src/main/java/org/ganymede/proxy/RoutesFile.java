package org.ganymede.proxy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the route table in a JSON file (the REST API's {@code GET /api/routes} shape) so a
 * restarted proxy serves its routes at once. Saves run on one background thread, coalesced:
 * a burst of changes costs one write. Each write goes to a 0600 temporary file that is then
 * renamed over the old one, so a crash leaves either the old or the new table.
 */
final class RoutesFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoutesFile.class);

  private final Path file;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "ganymede-routes-file");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile RouteTable table;

  RoutesFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** Loads routes saved earlier, keeping their activity; a missing file is an empty table. */
  void restoreInto(RouteTable routes) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonObject saved = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      for (Map.Entry<String, Object> entry : saved) {
        JsonObject route = (JsonObject) entry.getValue();
        LiveRoute live = routes.put(entry.getKey(), route.getString("target"), route.getMap());
        String activity = route.getString("last_activity");
        if (activity != null) {
          ActivityTimes.parse(activity).ifPresent(t -> live.restoreActivity(t.toEpochMilli()));
        }
      }
      LOG.info("Restored {} routes from {}", saved.size(), file);
    } catch (IOException | RuntimeException e) {
      throw new ProxyException("cannot read the routes file " + file + ": " + e.getMessage()
          + "; fix or delete it", e);
    }
  }

  void watch(RouteTable routes) {
    this.table = routes;
  }

  /** Schedules a save of the current table. */
  void changed() {
    if (table != null && pending.compareAndSet(false, true)) {
      writer.execute(this::save);
    }
  }

  private void save() {
    pending.set(false);
    JsonObject all = new JsonObject();
    for (LiveRoute route : table.all()) {
      all.put(route.spec, ApiHandler.toJson(route));
    }
    try {
      Path dir = file.getParent();
      Path temp = Files.createTempFile(dir, ".routes", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, all.encodePrettily(), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.error("cannot save routes to {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    changed();
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
