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
 * <p>As root the account comes from {@link SystemAccounts}: named from the hub user's name, created
 * when missing if configured; root, or a system account not in the allow-list, fails the spawn (a
 * notebook server running as root would give every user root). With
 * {@code create_home_directories}, an account that passed those checks and has no home yet gets
 * one there too.
 */
public final class LocalProcessSpawner implements Spawner {
  private final ProcessLauncher launcher;
  private final ServerProcesses processes;
  private final boolean hubIsRoot;
  private final SystemAccounts accounts;
  private final Map<String, String> hubProcessEnv;
  private final Path runtimeRoot;

  private LocalProcessSpawner(Map<String, String> hubProcessEnv, Path runtimeRoot, SystemAccounts accounts,
      List<String> shellCmd) {
    this.processes = new ServerProcesses();
    this.launcher = new ProcessLauncher(hubProcessEnv, processes, runtimeRoot, shellCmd);
    this.hubIsRoot = Posix.effectiveUid() == 0;
    this.accounts = accounts;
    this.hubProcessEnv = hubProcessEnv;
    this.runtimeRoot = runtimeRoot;
  }

  /** A spawner that copies {@code env_keep} variables from this process's environment. */
  public static LocalProcessSpawner create() {
    return create(System.getenv());
  }

  /** A spawner that copies {@code env_keep} variables from {@code hubProcessEnv}. */
  public static LocalProcessSpawner create(Map<String, String> hubProcessEnv) {
    return create(hubProcessEnv, new SystemAccounts(SystemAccounts.Settings.defaults()));
  }

  /** A spawner whose servers run as the accounts {@code accounts} gives (as root). */
  public static LocalProcessSpawner create(Map<String, String> hubProcessEnv, SystemAccounts accounts) {
    return new LocalProcessSpawner(hubProcessEnv, Path.of("/tmp"), accounts, List.of());
  }

  /**
   * This spawner with {@code LocalProcessSpawner.shell_cmd}, e.g. {@code [bash, -l, -c]}: the
   * server command then runs through that shell as one quoted word; empty runs it directly.
   */
  public LocalProcessSpawner withShellCmd(List<String> shellCmd) {
    return new LocalProcessSpawner(hubProcessEnv, runtimeRoot, accounts, shellCmd);
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    if (!hubIsRoot) return launcher.launch(request, UnixAccount.current(), false, List.of());
    UnixAccount account = accounts.forServer(request.user().value(), request.describe());
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
