package org.ganymede.spawn.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.ganymede.spawn.StopTimeouts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;

/**
 * Starts at once and stays alive, but nothing listens on the endpoint it returns: the hub's
 * HTTP check must time out (connections are refused).
 */
public final class NeverReadySpawner implements Spawner {
  private final FakeServers servers = new FakeServers();

  @Override
  public StartedServer start(SpawnRequest request) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    SavedState state = servers.register(exit, () -> {});
    return new StartedServer(URI.create("http://127.0.0.1:" + closedPort()), state, exit);
  }

  /** A port that was free a moment ago and is now closed again. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return servers.poll(state);
  }

  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {
    servers.stop(state, timeouts);
  }

  public int aliveCount() {
    return servers.aliveCount();
  }
}
