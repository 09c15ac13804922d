package org.ganymede.spawn.sudo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.LogTail;
import org.ganymede.spawn.ProcessStamp;

/**
 * The helper's {@code spawn} action: the configured command, in the user's home, in a new session,
 * with a clean allow-listed environment and its output in the user's own 0600 log; with internal
 * TLS, the server's key and certificates written as the user ({@link ServerCertificateFiles}).
 */
final class ServerStart {
  /** A server that dies this fast failed to start; its log says why, and the hub should hear it now. */
  private static final long EARLY_EXIT_MILLIS = 300;

  private final HelperConfig config;
  private final UserSelf self;

  ServerStart(HelperConfig config, UserSelf self) {
    this.config = config;
    this.self = self;
  }

  Map<String, Object> start(SpawnOrder order) {
    Map<String, String> env = environment(order.env());
    order.tls().ifPresent(tls -> env.putAll(ServerCertificateFiles.install(self, order.server(), tls)));
    Path log = Logs.of(self, order.server());
    createLog(log);
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/setsid"); // a new session: the server outlives the helper and sudo
    command.addAll(config.cmd());
    command.addAll(config.args());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.directory(self.home().toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new HelperException("cannot start " + config.cmd().getFirst() + ": " + e.getMessage());
    }
    long startTicks = ProcessStamp.read(process.pid()).map(ProcessStamp::startTicks).orElse(0L);
    try {
      if (process.waitFor(EARLY_EXIT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new HelperException("server " + String.join(" ", config.cmd()) + " exited at once with status "
            + process.exitValue() + "; last lines of " + log + ": " + String.join(" | ", LogTail.read(log, 5)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("pid", process.pid());
    reply.put("start_time", startTicks);
    reply.put("port", order.port());
    reply.put("log", log.toString());
    return reply;
  }

  /** Allow-listed request variables, then the helper config's, then the account's; no hub leftovers. */
  Map<String, String> environment(Map<String, String> requested) {
    Map<String, String> env = new TreeMap<>();
    for (var e : requested.entrySet()) {
      String name = e.getKey();
      if (Protocol.HELPER_SET_ENV.matcher(name).matches()) {
        throw new HelperException("environment variable " + name + " is set by the spawn helper itself from the "
            + "request's tls material; send the key and certificates in \"tls\", not file paths in env");
      }
      if (!Protocol.CONTRACT_ENV.matcher(name).matches() && !config.envAllow().contains(name)) {
        throw new HelperException("environment variable " + name + " is not allowed by the spawn helper "
            + "(allowed: JUPYTERHUB_*, JPY_* and env_allow " + config.envAllow() + " in its config)");
      }
      env.put(name, e.getValue());
    }
    String root = env.get("JUPYTERHUB_ROOT_DIR");
    if (root != null && (root.equals("~") || root.startsWith("~/"))) {
      env.put("JUPYTERHUB_ROOT_DIR", self.home() + root.substring(1));
    }
    env.putAll(config.env());
    env.put("PATH", config.path());
    env.put("HOME", self.home().toString());
    env.put("USER", self.name());
    env.put("LOGNAME", self.name());
    return env;
  }

  /** {@code ~/.ganymede/logs/<server>.log}: a fresh 0600 file; a link planted there is removed, not followed. */
  private static void createLog(Path log) {
    try {
      Path dir = log.getParent();
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new HelperException(dir + " is not a directory");
      Files.deleteIfExists(log);
      Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new HelperException("cannot create server log " + log + ": " + e);
    }
  }
}
