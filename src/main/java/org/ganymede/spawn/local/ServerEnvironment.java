package org.ganymede.spawn.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;

/**
 * Builds a server's environment from scratch.
 *
 * <p>Nothing of the hub's own environment leaks in except the {@code env_keep} names: the hub's
 * secrets ({@code CONFIGPROXY_AUTH_TOKEN}, {@code JPY_COOKIE_SECRET}, database passwords) must never
 * reach a user's process. Order, later wins: env_keep, hub variables, spawner variables, account
 * variables, {@code Spawner.environment}.
 */
final class ServerEnvironment {
  static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private ServerEnvironment() {}

  static Map<String, String> build(
      SpawnRequest request,
      UnixAccount account,
      Map<String, String> hubProcessEnv,
      String serviceUrl,
      Path runtimeDir) {
    ServerLaunch launch = request.launch();
    Map<String, String> env = new TreeMap<>();
    for (String name : launch.envKeep()) {
      String value = hubProcessEnv.get(name);
      if (value != null) env.put(name, value);
    }
    env.putAll(request.hubEnv());
    env.put("JUPYTERHUB_SERVICE_URL", serviceUrl);
    env.put("JUPYTER_RUNTIME_DIR", runtimeDir.toString());
    rootDir(launch.notebookDir(), account).ifPresent(dir -> env.put("JUPYTERHUB_ROOT_DIR", dir));
    env.put("USER", account.name());
    env.put("LOGNAME", account.name());
    env.put("HOME", account.home().toString());
    env.put("SHELL", account.shell());
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.putAll(launch.environment());
    return env;
  }

  /** {@code notebook_dir} with a leading {@code ~} replaced by the account's home. */
  static Optional<String> rootDir(String notebookDir, UnixAccount account) {
    if (notebookDir.isEmpty()) return Optional.empty();
    if (notebookDir.equals("~")) return Optional.of(account.home().toString());
    if (notebookDir.startsWith("~/")) {
      return Optional.of(account.home().resolve(notebookDir.substring(2)).toString());
    }
    return Optional.of(notebookDir);
  }
}
