package org.ganymede.spawn.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopTimeouts;

/**
 * Runs each server as a local process: as the user's Unix account when the hub runs as root, as
 * the hub's own account otherwise.
 *
 * <p>As root the account is looked up by the hub user's name; a missing account or one with uid 0
 * fails the spawn (a notebook server running as root would give every user root).
 */
public final class LocalProcessSpawner implements Spawner {
  private final ProcessLauncher launcher;
  private final ServerProcesses processes;
  private final boolean hubIsRoot;
  private final Map<String, String> hubProcessEnv;
  private final Path runtimeRoot;

  private LocalProcessSpawner(Map<String, String> hubProcessEnv, Path runtimeRoot, List<String> shellCmd) {
    this.processes = new ServerProcesses();
    this.launcher = new ProcessLauncher(hubProcessEnv, processes, runtimeRoot, shellCmd);
    this.hubIsRoot = Posix.effectiveUid() == 0;
    this.hubProcessEnv = hubProcessEnv;
    this.runtimeRoot = runtimeRoot;
  }

  /** A spawner that copies {@code env_keep} variables from this process's environment. */
  public static LocalProcessSpawner create() {
    return create(System.getenv());
  }

  /** A spawner that copies {@code env_keep} variables from {@code hubProcessEnv}. */
  public static LocalProcessSpawner create(Map<String, String> hubProcessEnv) {
    return new LocalProcessSpawner(hubProcessEnv, Path.of("/tmp"), List.of());
  }

  /**
   * This spawner with {@code LocalProcessSpawner.shell_cmd}, e.g. {@code [bash, -l, -c]}: the
   * server command then runs through that shell as one quoted word; empty runs it directly.
   */
  public LocalProcessSpawner withShellCmd(List<String> shellCmd) {
    return new LocalProcessSpawner(hubProcessEnv, runtimeRoot, shellCmd);
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    if (!hubIsRoot) return launcher.launch(request, UnixAccount.current(), false, List.of());
    String name = request.user().value();
    UnixAccount account =
        UnixAccount.lookup(name)
            .orElseThrow(
                () -> new SpawnException(
                    "no Unix account named " + name + " (create it or use create_system_users)"));
    if (account.uid() == 0) {
      throw new SpawnException(
          "refusing to run the server of " + request.describe() + " as root: Unix account " + name
              + " has uid 0 (use an ordinary account)");
    }
    return launcher.launch(request, account, true, List.of());
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    return processes.poll(state);
  }

  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {
    processes.stop(state, timeouts);
  }
}
