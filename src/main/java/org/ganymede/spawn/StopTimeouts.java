package org.ganymede.spawn;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a stop waits after each signal: {@code LocalProcessSpawner.interrupt_timeout},
 * {@code term_timeout} and {@code kill_timeout} (JupyterHub's defaults 10, 5 and 5 seconds).
 * A zero wait checks once and goes on to the next signal.
 */
public record StopTimeouts(Duration interrupt, Duration term, Duration kill) {
  public StopTimeouts {
    for (Duration d : new Duration[] {interrupt, term, kill}) {
      if (Objects.requireNonNull(d, "timeout").isNegative()) {
        throw new IllegalArgumentException("stop timeouts must not be negative, got " + d);
      }
    }
  }

  /** JupyterHub's defaults: 10 s after SIGINT, 5 s after SIGTERM, 5 s after SIGKILL. */
  public static StopTimeouts defaults() {
    return ofSeconds(10, 5, 5);
  }

  public static StopTimeouts ofSeconds(long interrupt, long term, long kill) {
    return new StopTimeouts(Duration.ofSeconds(interrupt), Duration.ofSeconds(term), Duration.ofSeconds(kill));
  }

  /** The longest a whole stop can take. */
  public Duration total() {
    return interrupt.plus(term).plus(kill);
  }
}
