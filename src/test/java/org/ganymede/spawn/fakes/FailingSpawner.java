package org.ganymede.spawn.fakes;

import org.ganymede.spawn.StopTimeouts;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;

/** Every start fails at once with the given message, as a missing command would. */
public final class FailingSpawner implements Spawner {
  private final String message;
  private final AtomicInteger starts = new AtomicInteger();

  public FailingSpawner(String message) {
    this.message = message;
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    starts.incrementAndGet();
    throw new SpawnException(message);
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return Optional.of(0);
  }

  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {}

  public int startCount() {
    return starts.get();
  }
}
