package org.ganymede.spawn;

import java.util.List;
import java.util.Optional;

/**
 * Starts, watches and stops single-user servers.
 *
 * <p>The hub calls {@link #start} on a thread of its own and bounds it with {@code start_timeout};
 * it then checks the server over HTTP itself. {@link #poll} and {@link #stop} work from the saved
 * state alone, so a fresh spawner after a hub restart can adopt servers an earlier one started.
 * Implementations are thread-safe.
 */
public interface Spawner {

  /**
   * Starts the server process and returns once it runs and its endpoint is known; blocking.
   *
   * @throws SpawnException when the server cannot be started; the message says why and how to fix it
   */
  StartedServer start(SpawnRequest request);

  /** Empty while the server described by {@code state} is alive; its exit status otherwise. */
  Optional<Integer> poll(SavedState state);

  /**
   * Stops the server and returns when it is gone: as JupyterHub, SIGINT, then SIGTERM after
   * {@code timeouts.interrupt()}, then SIGKILL after {@code timeouts.term()} (see {@link
   * StopSequence}). Stopping a server that is already gone does nothing.
   *
   * @throws SpawnException when the server is still alive {@code timeouts.kill()} after SIGKILL
   */
  void stop(SavedState state, StopTimeouts timeouts);

  /**
   * Whether this spawner writes the server's internal TLS files itself, as the user, from
   * {@link SpawnRequest#tls()}, and sets {@code JUPYTERHUB_SSL_KEYFILE/CERTFILE/CLIENT_CA}. The
   * sudo spawner does (the hub is not root and cannot give files to the user); by default the hub
   * writes them and passes the paths in {@link SpawnRequest#hubEnv()}.
   */
  default boolean installsServerCertificates() {
    return false;
  }

  /**
   * The last lines the server wrote, for failure messages. By default read from the request's log
   * file; spawners whose servers log where the hub cannot read override it.
   */
  default List<String> logTail(SavedState state, java.nio.file.Path logFile, int lines) {
    return LogTail.read(logFile, lines);
  }
}
