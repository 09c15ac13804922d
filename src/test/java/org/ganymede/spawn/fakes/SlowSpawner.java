package org.ganymede.spawn.fakes;

import java.time.Duration;
import org.ganymede.spawn.StopTimeouts;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;

/**
 * Takes {@code startTime} to start (or until {@link #release()}), then behaves like
 * {@link InstantSpawner}. {@link #startEntered()} tells a test that a start is in progress, so it
 * can act mid-spawn without sleeping.
 */
public final class SlowSpawner implements Spawner {
  private final Duration startTime;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);
  private final InstantSpawner instant = new InstantSpawner();

  public SlowSpawner(Duration startTime) {
    this.startTime = startTime;
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    entered.countDown();
    try {
      release.await(startTime.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // a cancelled spawn: end like a real one would
      throw new SpawnException("start of " + request.describe() + " was interrupted");
    }
    return instant.start(request);
  }

  /** Lets every waiting and future start finish now. */
  public void release() {
    release.countDown();
  }

  public CountDownLatch startEntered() {
    return entered;
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return instant.poll(state);
  }

  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {
    instant.stop(state, timeouts);
  }

  public int aliveCount() {
    return instant.aliveCount();
  }
}
