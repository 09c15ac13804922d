package org.ganymede.spawn;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JupyterHub's {@code LocalProcessSpawner.stop}: SIGINT, wait {@code interrupt_timeout}; SIGTERM,
 * wait {@code term_timeout}; SIGKILL, wait {@code kill_timeout}; each step only while the process
 * still runs. SIGINT first lets a notebook server shut its kernels down cleanly. Spawners supply
 * how to signal and how to watch; the order lives here once.
 */
public final class StopSequence {
  private static final Logger LOG = LoggerFactory.getLogger(StopSequence.class);

  /** The three signals of a stop, with their Linux numbers. */
  public enum Signal {
    INT(2), TERM(15), KILL(9);

    public final int number;

    Signal(int number) {
      this.number = number;
    }
  }

  /** One process as a stop sees it. */
  public interface Target {
    /** Sends {@code signal}; false when the process is already gone. */
    boolean signal(Signal signal);

    /** Waits up to {@code timeout} for the process to end; true when it has. */
    boolean awaitGone(Duration timeout);
  }

  private StopSequence() {}

  /**
   * Runs the sequence on {@code target}, named {@code what} in logs and messages.
   *
   * @throws SpawnException when the process still runs {@code kill_timeout} after SIGKILL
   */
  public static void run(String what, StopTimeouts timeouts, Target target) {
    if (step(what, target, Signal.INT, timeouts.interrupt())) return;
    if (step(what, target, Signal.TERM, timeouts.term())) return;
    if (step(what, target, Signal.KILL, timeouts.kill())) return;
    throw new SpawnException(what + " is still running " + timeouts.kill().toMillis()
        + " ms after SIGKILL (LocalProcessSpawner.kill_timeout); it may be stuck in the kernel");
  }

  /** Sends one signal and waits; true when the process is gone. */
  private static boolean step(String what, Target target, Signal signal, Duration wait) {
    LOG.debug("sending SIG{} to {}", signal, what);
    if (!target.signal(signal)) return true;
    if (target.awaitGone(wait)) return true;
    if (signal != Signal.KILL) {
      LOG.info("{} still running {} ms after SIG{}; escalating", what, wait.toMillis(), signal);
    }
    return false;
  }
}
