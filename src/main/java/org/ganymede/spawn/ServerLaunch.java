package org.ganymede.spawn;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one single-user server: the command, its environment, working directory and address,
 * from the {@code Spawner.*} traits (which {@code config.SpawnerSettings} holds as configured).
 *
 * @param cmd {@code Spawner.cmd}: the program and its first arguments; a bare name is looked up on
 *     the server's {@code PATH}
 * @param args {@code Spawner.args}: appended after {@code cmd}
 * @param environment {@code Spawner.environment}: applied last, may override anything
 * @param envKeep {@code Spawner.env_keep}: names of variables copied from the hub's own environment
 * @param notebookDir {@code Spawner.notebook_dir}, already formatted; empty for the home directory;
 *     a leading {@code ~} means the server account's home
 * @param ip {@code Spawner.ip}: the address the server binds; empty for all interfaces
 * @param port {@code Spawner.port}: 0 lets the spawner pick a free port
 */
public record ServerLaunch(
    List<String> cmd,
    List<String> args,
    Map<String, String> environment,
    List<String> envKeep,
    String notebookDir,
    String ip,
    int port) {

  /** JupyterHub's default {@code env_keep}. */
  public static final List<String> DEFAULT_ENV_KEEP =
      List.of(
          "PATH",
          "PYTHONPATH",
          "CONDA_ROOT",
          "CONDA_DEFAULT_ENV",
          "VIRTUAL_ENV",
          "LANG",
          "LC_ALL",
          "JUPYTERHUB_SINGLEUSER_APP");

  public ServerLaunch {
    cmd = List.copyOf(cmd);
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
    envKeep = List.copyOf(envKeep);
    Objects.requireNonNull(notebookDir, "notebookDir");
    Objects.requireNonNull(ip, "ip");
    if (cmd.isEmpty() || cmd.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "Spawner.cmd must name a program, got " + cmd + " (default: [jupyterhub-singleuser])");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Spawner.port must be 0–65535 (0 = pick one), got " + port);
    }
    environment.forEach(
        (name, value) -> {
          if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                "Spawner.environment has an invalid variable name '" + name
                    + "' (names must be non-empty without '=' or NUL)");
          }
        });
  }

  /** JupyterHub's defaults: {@code jupyterhub-singleuser} on 127.0.0.1, a free port. */
  public static ServerLaunch defaults() {
    return new ServerLaunch(
        List.of("jupyterhub-singleuser"), List.of(), Map.of(), DEFAULT_ENV_KEEP, "", "127.0.0.1", 0);
  }

  public ServerLaunch withCmd(List<String> newCmd) {
    return new ServerLaunch(newCmd, args, environment, envKeep, notebookDir, ip, port);
  }

  public ServerLaunch withArgs(List<String> newArgs) {
    return new ServerLaunch(cmd, newArgs, environment, envKeep, notebookDir, ip, port);
  }

  public ServerLaunch withEnvironment(Map<String, String> newEnvironment) {
    return new ServerLaunch(cmd, args, newEnvironment, envKeep, notebookDir, ip, port);
  }

  public ServerLaunch withEnvKeep(List<String> newEnvKeep) {
    return new ServerLaunch(cmd, args, environment, newEnvKeep, notebookDir, ip, port);
  }

  public ServerLaunch withNotebookDir(String newNotebookDir) {
    return new ServerLaunch(cmd, args, environment, envKeep, newNotebookDir, ip, port);
  }

  public ServerLaunch withPort(int newPort) {
    return new ServerLaunch(cmd, args, environment, envKeep, notebookDir, ip, newPort);
  }
}
