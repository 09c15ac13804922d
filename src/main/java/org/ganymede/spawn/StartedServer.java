package org.ganymede.spawn;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A server process that has been started.
 *
 * @param url where the server listens, without a path, e.g. {@code http://127.0.0.1:41234}; the
 *     hub probes {@code url + service prefix} and routes the prefix to it
 * @param state what to save so that {@link Spawner#poll} and {@link Spawner#stop} find it again
 * @param exit completes with the exit status when the process ends
 */
public record StartedServer(URI url, SavedState state, CompletionStage<Integer> exit) {
  public StartedServer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(exit, "exit");
  }
}
