package org.ganymede.spawn.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;

/**
 * Writes down every {@link SpawnRequest} it gets (user options, environment, prefix), then starts
 * like {@link InstantSpawner}: for tests of what the hub hands a spawner.
 */
public final class RequestRecordingSpawner implements Spawner {
  private final InstantSpawner instant = new InstantSpawner();
  private final List<SpawnRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public StartedServer start(SpawnRequest request) {
    requests.add(request);
    return instant.start(request);
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return instant.poll(state);
  }

  @Override
  public void stop(SavedState state, org.ganymede.spawn.StopTimeouts timeouts) {
    instant.stop(state, timeouts);
  }

  /** The requests so far, oldest first. */
  public List<SpawnRequest> requests() {
    return List.copyOf(requests);
  }

  /** The newest request; fails when there was none. */
  public SpawnRequest last() {
    if (requests.isEmpty()) throw new AssertionError("no spawn request was made");
    return requests.get(requests.size() - 1);
  }
}
