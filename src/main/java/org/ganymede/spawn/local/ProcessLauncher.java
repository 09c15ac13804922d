package org.ganymede.spawn.local;

import org.ganymede.spawn.ProcessStamp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnProgress;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StartedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one server process: port, private files, clean environment, absolute command, new
 * session, optional switch to another account; the part both local spawners share.
 */
final class ProcessLauncher {
  /** Lets kernels talk over Unix sockets instead of TCP ports other local users could reach. */
  static final String IPC_TRANSPORT = "--KernelManager.transport=ipc";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);
  private static final String SYSTEM_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";

  private final Map<String, String> hubProcessEnv;
  private final ServerProcesses processes;
  private final Path runtimeRoot;
  private final List<String> shellCmd;

  /** {@code shellCmd} is {@code LocalProcessSpawner.shell_cmd}; empty runs the command directly. */
  ProcessLauncher(Map<String, String> hubProcessEnv, ServerProcesses processes, Path runtimeRoot, List<String> shellCmd) {
    this.hubProcessEnv = Map.copyOf(hubProcessEnv);
    this.processes = processes;
    this.runtimeRoot = runtimeRoot;
    this.shellCmd = List.copyOf(shellCmd);
  }

  /**
   * Starts {@code request}'s server as {@code account}; {@code switchUser} means the hub is root
   * and must drop to the account with {@code setpriv}.
   */
  StartedServer launch(SpawnRequest request, UnixAccount account, boolean switchUser, List<String> extraArgs) {
    ServerLaunch launch = request.launch();
    request.progress().accept(new SpawnProgress(10, "Preparing the server of " + request.describe()));
    if (!Files.isDirectory(account.home())) {
      throw new SpawnException(
          "home directory " + account.home() + " of Unix account " + account.name()
              + " does not exist (create it, e.g. useradd -m, or set LocalProcessSpawner.create_home_directories = True)");
    }
    int port = launch.port() != 0 ? launch.port() : freePort(launch.ip());
    Path runtimeDir = runtimeRoot.resolve("ganymede-" + account.uid() + "-" + shortHash(request.describe()));
    PrivatePaths.createPrivateDirectory(runtimeDir, account, switchUser);
    Map<String, String> env =
        ServerEnvironment.build(
            request, account, hubProcessEnv, serviceUrl(scheme(request), launch.ip(), port, request.servicePrefix()), runtimeDir);
    List<String> command = command(launch, env.get("PATH"), account, switchUser, extraArgs);
    String program = Path.of(launch.cmd().getFirst()).getFileName().toString();
    PrivatePaths.createLog(request.logFile(), account, switchUser);

    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.directory(account.home().toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(request.logFile().toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SpawnException("could not start the server of " + request.describe() + " (" + command.getLast() + "): "
          + e.getMessage(), e);
    }
    // The start time is read after exec; it does not change across exec, so it names this process.
    long startTicks = ProcessStamp.read(process.pid()).map(ProcessStamp::startTicks).orElse(0L);
    ServerProcesses.Key key = new ServerProcesses.Key(process.pid(), startTicks);
    CompletableFuture<Integer> exit = process.onExit().thenApply(Process::exitValue);
    processes.track(key, exit);
    exit.thenAccept(status -> LOG.info("server of {} (pid {}) exited with status {}", request.describe(), key.pid(), status));
    LOG.info("started server of {} as {} (uid {}), pid {}, port {}: {}",
        request.describe(), account.name(), account.uid(), key.pid(), port, String.join(" ", command));
    request.progress().accept(new SpawnProgress(40, "Started " + program + " (pid " + key.pid() + ")"));
    return new StartedServer(connectUrl(scheme(request), launch.ip(), port), key.toState(), exit);
  }

  /**
   * {@code setsid [setpriv …] cmd args}, or with {@code shell_cmd} {@code setsid [setpriv …] shell_cmd
   * 'cmd args'}: as JupyterHub, the server command quoted into one word the shell runs (a login
   * shell then sets PATH and the like from the user's profile, and finds {@code cmd} itself).
   */
  private List<String> command(ServerLaunch launch, String path, UnixAccount account, boolean switchUser,
      List<String> extraArgs) {
    List<String> command = new ArrayList<>();
    // setsid: a new session, so the server outlives the hub and its pid is its process group id.
    command.add(CommandResolver.resolve("setsid", SYSTEM_PATH).toString());
    if (switchUser) {
      command.addAll(List.of(
          CommandResolver.resolve("setpriv", SYSTEM_PATH).toString(),
          "--reuid=" + account.uid(),
          "--regid=" + account.gid(),
          "--init-groups",
          "--no-new-privs", // no setuid programs (sudo, su) can raise the server's rights again
          "--"));
    }
    String first = launch.cmd().getFirst();
    List<String> server = new ArrayList<>();
    server.add(shellCmd.isEmpty() ? CommandResolver.resolve(first, path).toString() : first);
    server.addAll(launch.cmd().subList(1, launch.cmd().size()));
    server.addAll(launch.args());
    server.addAll(extraArgs);
    if (isSingleUser(Path.of(first)) && server.stream().noneMatch(arg -> arg.contains("KernelManager.transport"))) {
      server.add(IPC_TRANSPORT);
    }
    if (shellCmd.isEmpty()) {
      command.addAll(server);
    } else {
      command.add(CommandResolver.resolve(shellCmd.getFirst(), path).toString());
      command.addAll(shellCmd.subList(1, shellCmd.size()));
      command.add(String.join(" ", server.stream().map(ShellQuote::quote).toList()));
    }
    return command;
  }

  /** Only the Jupyter single-user server understands its traitlets flags. */
  static boolean isSingleUser(Path program) {
    return program.getFileName().toString().startsWith("jupyterhub-singleuser");
  }

  /** https when the hub gave the server internal TLS files, http otherwise. */
  static String scheme(SpawnRequest request) {
    return request.hubEnv().containsKey("JUPYTERHUB_SSL_KEYFILE") ? "https" : "http";
  }

  /** {@code JUPYTERHUB_SERVICE_URL}: the address to bind; empty ip means all interfaces. */
  static String serviceUrl(String scheme, String ip, int port, String prefix) {
    String host = ip.isEmpty() ? "*" : bracketed(ip);
    return scheme + "://" + host + ":" + port + prefix;
  }

  /** Where the hub reaches the server. */
  static URI connectUrl(String scheme, String ip, int port) {
    String host = ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? "127.0.0.1" : bracketed(ip);
    return URI.create(scheme + "://" + host + ":" + port);
  }

  private static String bracketed(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }

  private static int freePort(String ip) {
    try (ServerSocket socket = new ServerSocket(0, 1, ip.isEmpty() ? null : InetAddress.getByName(ip))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new SpawnException("cannot find a free port on Spawner.ip '" + ip + "': " + e.getMessage(), e);
    }
  }

  /** Eight hex digits: keeps runtime paths short, since kernel ipc sockets must stay under 107 bytes. */
  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
