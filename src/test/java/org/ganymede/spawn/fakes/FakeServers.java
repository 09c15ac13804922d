package org.ganymede.spawn.fakes;

import org.ganymede.spawn.StopTimeouts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ganymede.spawn.SavedState;

/**
 * The pretend processes behind the fake spawners: each has an id (kept in the saved state), an
 * exit stage, and optionally something to close when it ends.
 */
final class FakeServers {
  static final String ID = "fake_id";
  private static final AtomicLong NEXT_ID = new AtomicLong(1);

  private record Entry(CompletableFuture<Integer> exit, AutoCloseable resource) {}

  private final Map<Long, Entry> running = new ConcurrentHashMap<>();

  /** Registers a new pretend process; {@code resource} is closed when it ends. */
  SavedState register(CompletableFuture<Integer> exit, AutoCloseable resource) {
    long id = NEXT_ID.getAndIncrement();
    running.put(id, new Entry(exit, resource));
    exit.whenComplete((status, error) -> closeQuietly(resource));
    return new SavedState(Map.of(ID, id));
  }

  Optional<Integer> poll(SavedState state) {
    Entry entry = running.get(state.number(ID, 0));
    if (entry == null) return Optional.of(0);
    return entry.exit().isDone() ? Optional.of(entry.exit().join()) : Optional.empty();
  }

  /** Ends the pretend process with {@code status}, as if it had exited or been killed. */
  void end(SavedState state, int status) {
    Entry entry = running.get(state.number(ID, 0));
    if (entry != null) entry.exit().complete(status);
  }

  void stop(SavedState state, StopTimeouts timeouts) {
    end(state, 0);
  }

  int aliveCount() {
    return (int) running.values().stream().filter(e -> !e.exit().isDone()).count();
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // a fake's clean-up failing must not hide the test's own failure
    }
  }
}
