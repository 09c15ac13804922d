package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * The {@code simple} spawner, for trying things out: every server runs as the hub's own account,
 * with home {@code /tmp/<username>}. Users are not isolated from each other or from the hub.
 *
 * <p>As root the notebook server needs {@code --allow-root}; it is added for the single-user
 * command, since this spawner never switches accounts.
 */
public final class SimpleLocalProcessSpawner implements Spawner {
  private final ProcessLauncher launcher;
  private final ServerProcesses processes;
  private final Path homeRoot;
  private final Map<String, String> hubProcessEnv;
  private final Path runtimeRoot;

  private SimpleLocalProcessSpawner(Map<String, String> hubProcessEnv, Path homeRoot, Path runtimeRoot,
      List<String> shellCmd) {
    this.processes = new ServerProcesses();
    this.launcher = new ProcessLauncher(hubProcessEnv, processes, runtimeRoot, shellCmd);
    this.homeRoot = homeRoot;
    this.hubProcessEnv = hubProcessEnv;
    this.runtimeRoot = runtimeRoot;
  }

  public static SimpleLocalProcessSpawner create() {
    return create(System.getenv(), Path.of("/tmp"));
  }

  /** A spawner with homes under {@code homeRoot} ({@code home_dir_template} = homeRoot/{username}). */
  public static SimpleLocalProcessSpawner create(Map<String, String> hubProcessEnv, Path homeRoot) {
    return create(hubProcessEnv, homeRoot, Path.of("/tmp"));
  }

  /** Also puts the servers' runtime directories under {@code runtimeRoot}; for tests. */
  static SimpleLocalProcessSpawner create(Map<String, String> hubProcessEnv, Path homeRoot, Path runtimeRoot) {
    return new SimpleLocalProcessSpawner(hubProcessEnv, homeRoot, runtimeRoot, List.of());
  }

  /** This spawner with {@code LocalProcessSpawner.shell_cmd} (see {@link LocalProcessSpawner#withShellCmd}). */
  public SimpleLocalProcessSpawner withShellCmd(List<String> shellCmd) {
    return new SimpleLocalProcessSpawner(hubProcessEnv, homeRoot, runtimeRoot, shellCmd);
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    UnixAccount hub = UnixAccount.current();
    Path home = homeRoot.resolve(request.user().value());
    createHome(home, hub);
    UnixAccount account = new UnixAccount(hub.name(), hub.uid(), hub.gid(), home, "/bin/bash");
    List<String> extra = hub.uid() == 0 ? List.of("--allow-root") : List.of();
    return launcher.launch(request, account, false, extra);
  }

  /** Creates the home (0755 like JupyterHub); an existing one must be the hub's own directory. */
  private static void createHome(Path home, UnixAccount hub) {
    try {
      Files.createDirectories(home);
      Object owner = Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS) || !owner.equals(hub.uid())) {
        throw new SpawnException(
            "home " + home + " is not a directory owned by " + hub.name() + " (uid " + owner + "); remove it");
      }
    } catch (IOException e) {
      throw new SpawnException("cannot create home " + home + ": " + e, e);
    }
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
