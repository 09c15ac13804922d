package org.ganymede.hub;

import java.util.Optional;

/**
 * How a managed service's process is doing, as the services API shows it ({@code pid}, 0 while it
 * is not running) and as an operator needs it when it will not stay up (its last exit).
 */
public final class ServiceProcess {
  private volatile long pid;

  public ServiceProcess() {}
  private volatile Optional<String> lastFailure = Optional.empty();

  /** The running process's id; 0 when none runs (JupyterHub's model). */
  public long pid() {
    return pid;
  }

  /** Why the process last stopped or failed to start, when it did. */
  public Optional<String> lastFailure() {
    return lastFailure;
  }

  void started(long pid) {
    this.pid = pid;
  }

  void failed(String why) {
    this.pid = 0;
    this.lastFailure = Optional.of(why);
  }

  void stopped() {
    this.pid = 0;
  }
}
