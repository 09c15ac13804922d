package org.ganymede.spawn.local;

import org.ganymede.spawn.ProcessStamp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.StopSequence;
import org.ganymede.spawn.StopTimeouts;

/**
 * Polls and stops server processes by their saved state (pid + start time).
 *
 * <p>Works for processes this JVM started (their exit status is known) and for processes adopted
 * after a hub restart (exit status unknown, reported as 0, as JupyterHub does).
 */
final class ServerProcesses {
  static final String PID = "pid";
  static final String START_TIME = "start_time";
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** One process for the life of the machine. */
  record Key(long pid, long startTicks) {
    static Optional<Key> of(SavedState state) {
      long pid = state.number(PID, 0);
      long start = state.number(START_TIME, -1);
      // A state without a start time (e.g. written by JupyterHub) cannot rule out a recycled pid;
      // it is treated as stopped rather than risk signalling someone else's process.
      return pid > 0 && start >= 0 ? Optional.of(new Key(pid, start)) : Optional.empty();
    }

    SavedState toState() {
      return new SavedState(Map.of(PID, pid, START_TIME, startTicks));
    }
  }

  private final Map<Key, CompletableFuture<Integer>> children = new ConcurrentHashMap<>();

  /** Remembers a process this JVM started, to report its real exit status. */
  void track(Key key, CompletableFuture<Integer> exit) {
    children.put(key, exit);
  }

  Optional<Integer> poll(SavedState state) {
    Optional<Key> key = Key.of(state);
    if (key.isPresent() && isAlive(key.get())) return Optional.empty();
    return Optional.of(key.map(this::exitStatus).orElse(0));
  }

  void stop(SavedState state, StopTimeouts timeouts) {
    Optional<Key> found = Key.of(state);
    if (found.isEmpty() || !isAlive(found.get())) return;
    Key key = found.get();
    int pgid = Math.toIntExact(key.pid()); // each server leads its own session and group
    try {
      StopSequence.run("server pid " + key.pid(), timeouts, new StopSequence.Target() {
        @Override
        public boolean signal(StopSequence.Signal signal) {
          if (!isAlive(key)) return false;
          return Posix.signalGroup(pgid, signal.number) || Posix.signalProcess(pgid, signal.number);
        }

        @Override
        public boolean awaitGone(Duration timeout) {
          return ServerProcesses.this.awaitGone(key, timeout);
        }
      });
    } catch (SpawnException e) {
      throw new SpawnException(e.getMessage() + " (state="
          + ProcessStamp.read(key.pid()).map(ProcessStamp::state).orElse('?') + ")");
    } finally {
      children.remove(key);
    }
  }

  static boolean isAlive(Key key) {
    return ProcessStamp.isRunning(key.pid(), key.startTicks());
  }

  private boolean awaitGone(Key key, Duration timeout) {
    CompletableFuture<Integer> exit = children.get(key);
    if (exit != null) {
      try {
        exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        return !isAlive(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SpawnException("interrupted while stopping server pid " + key.pid(), e);
      }
    }
    // Not our child (adopted after a restart): no exit notification, so look again every 20 ms.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive(key)) {
      if (System.nanoTime() - deadline >= 0) return false;
      LockSupport.parkNanos(POLL_NANOS);
    }
    return true;
  }

  private int exitStatus(Key key) {
    CompletableFuture<Integer> exit = children.get(key);
    return exit != null && exit.isDone() && !exit.isCompletedExceptionally() ? exit.join() : 0;
  }
}
