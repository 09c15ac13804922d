package org.ganymede.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where one user server is in its life; the one lifecycle every server follows.
 *
 * <p>The hub's server lifecycle owns the current state and moves it only along {@link #canMoveTo}.
 * The wire view (JupyterHub's {@code pending}, {@code ready}, {@code stopped} fields of a server
 * model) is derived from the state, never stored beside it:
 *
 * <pre>
 *   state       pending   ready  stopped
 *   STOPPED     null      false  true
 *   STARTING    "spawn"   false  false
 *   WAITING_UP  "spawn"   false  false
 *   RUNNING     null      true   false
 *   STOPPING    "stop"    false  false
 *   FAILED      null      false  true
 * </pre>
 */
public enum ServerState {
  /** No process; nothing in flight. */
  STOPPED,
  /** {@code Spawner.start} is running: token issued, process being launched. */
  STARTING,
  /** The process runs and its endpoint is known; waiting for it to answer HTTP. */
  WAITING_UP,
  /** Answers HTTP and its proxy route is in place. */
  RUNNING,
  /** Route removed, process being signalled; token revoked when done. */
  STOPPING,
  /**
   * The last start failed (command missing, process exited, timeout) and its clean-up is done; the
   * server is not running. The reason is kept by the lifecycle to show on pages and in the API.
   */
  FAILED;

  /** Whether the lifecycle may move a server from this state to {@code next}. */
  public boolean canMoveTo(ServerState next) {
    return successors().contains(next);
  }

  /**
   * The states reachable in one step.
   *
   * <p>STOPPED → WAITING_UP is the re-adoption path: after a hub restart a server whose saved
   * process is still alive is checked over HTTP again before it counts as RUNNING. STARTING and
   * WAITING_UP go to STOPPING when the user cancels or a timeout fires (the process may exist), and
   * straight to FAILED when there is nothing left to clean up.
   */
  public Set<ServerState> successors() {
    return switch (this) {
      case STOPPED -> EnumSet.of(STARTING, WAITING_UP);
      case STARTING -> EnumSet.of(WAITING_UP, STOPPING, FAILED);
      case WAITING_UP -> EnumSet.of(RUNNING, STOPPING, FAILED);
      case RUNNING -> EnumSet.of(STOPPING);
      case STOPPING -> EnumSet.of(STOPPED, FAILED);
      case FAILED -> EnumSet.of(STARTING, STOPPED);
    };
  }

  /** JupyterHub's {@code pending}: "spawn", "stop", or absent (JSON null). */
  public Optional<String> pending() {
    return switch (this) {
      case STARTING, WAITING_UP -> Optional.of("spawn");
      case STOPPING -> Optional.of("stop");
      case STOPPED, RUNNING, FAILED -> Optional.empty();
    };
  }

  /** JupyterHub's {@code ready}: the server answers and is routed. */
  public boolean ready() {
    return this == RUNNING;
  }

  /** JupyterHub's {@code stopped}: neither ready nor pending. */
  public boolean stopped() {
    return this == STOPPED || this == FAILED;
  }

  /** Whether a process may exist for this server (it counts toward {@code active_server_limit}). */
  public boolean active() {
    return !stopped();
  }
}
