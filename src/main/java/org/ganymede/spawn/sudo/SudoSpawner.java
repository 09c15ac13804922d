package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.ganymede.spawn.ProcessStamp;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnProgress;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.Spawner;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopSequence;
import org.ganymede.spawn.StopTimeouts;
import org.ganymede.model.UserName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs each server as the user's Unix account while the hub itself is not root, through
 * {@code sudo -n -u <user> <helper>} (see {@link SpawnHelper}).
 *
 * <p>What runs is the helper's business (its root-owned config), so {@code Spawner.cmd} and
 * {@code args} are not used. The hub sends only the {@code JUPYTERHUB_*} contract and
 * {@code Spawner.environment}; the helper refuses names it does not allow. Liveness is read from
 * {@code /proc} (pid + start time) without sudo; stopping goes through the helper. With internal
 * TLS the request carries the server's key and certificates, which the helper writes as the user.
 */
public final class SudoSpawner implements Spawner {
  private static final Logger LOG = LoggerFactory.getLogger(SudoSpawner.class);
  static final String PID = "pid";
  static final String START_TIME = "start_time";
  static final String USER = "user";
  static final String SERVER = "server";
  private static final long WATCH_NANOS = 500_000_000L;
  private static final long STOP_POLL_NANOS = 20_000_000L;

  /**
   * @param sudo how to run sudo: {@code [/usr/bin/sudo]}; tests put {@code runuser -u <service user> --}
   *     in front to act as the service user
   * @param helper the installed launcher sudoers allows, {@code SudoSpawner.helper_path}
   * @param usersGroup the group whose members may have servers, named in refusals
   * @param timeout how long one helper call may take
   */
  public record Options(List<String> sudo, Path helper, String usersGroup, Duration timeout, boolean createHomes) {
    public static Options defaults() {
      return new Options(List.of("/usr/bin/sudo"), SudoCall.defaultHelper(), "ganymede-users", SudoCall.defaultTimeout());
    }

    public Options {
      sudo = List.copyOf(sudo);
      if (sudo.isEmpty()) throw new IllegalArgumentException("the sudo command must not be empty");
    }

    /** Without {@code create_home_directories}. */
    public Options(List<String> sudo, Path helper, String usersGroup, Duration timeout) {
      this(sudo, helper, usersGroup, timeout, false);
    }

    /** {@code SudoSpawner.users_group} from config. */
    public Options withUsersGroup(String group) {
      return new Options(sudo, helper, group, timeout, createHomes);
    }

    /** {@code helper_path} from config; '' means the installed default. */
    public Options withHelper(String helperPath) {
      return new Options(sudo, helperPath.isEmpty() ? SudoCall.defaultHelper() : Path.of(helperPath), usersGroup, timeout,
          createHomes);
    }

    /** {@code LocalProcessSpawner.create_home_directories}: ask the helper, as root, for a missing home first. */
    public Options withHomeDirectories(boolean create) {
      return new Options(sudo, helper, usersGroup, timeout, create);
    }
  }

  private final Options options;

  private SudoSpawner(Options options) {
    this.options = options;
  }

  public static SudoSpawner create(Options options) {
    return new SudoSpawner(options);
  }

  @Override
  public StartedServer start(SpawnRequest request) {
    String user = request.user().value();
    String problem = UserName.problem(user);
    if (!problem.isEmpty() || user.startsWith("-")) throw new SpawnException("cannot spawn for '" + user + "': " + problem);
    if (options.createHomes()) {
      // The helper as root (sudoers allows exactly --mkhomedir): a member's missing home, nothing else.
      JsonNode made = SudoCall.run(options, "root", List.of("--mkhomedir"), Map.of("action", "mkhomedir", "user", user));
      if (made.path("created").asBoolean(false)) LOG.info("created home {} for {}", made.path("home").asString(""), user);
    }
    request.progress().accept(new SpawnProgress(10, "Asking the spawn helper to start the server of " + request.describe()));
    String ip = request.launch().ip();
    int port = request.launch().port() != 0 ? request.launch().port() : freePort(ip);
    Map<String, String> env = new LinkedHashMap<>(request.hubEnv());
    String scheme = request.tls().isPresent() ? "https" : "http";
    env.put("JUPYTERHUB_SERVICE_URL", scheme + "://" + (ip.isEmpty() ? "*" : bracketed(ip)) + ":" + port
        + request.servicePrefix());
    if (!request.launch().notebookDir().isEmpty()) env.put("JUPYTERHUB_ROOT_DIR", request.launch().notebookDir());
    env.putAll(request.launch().environment());
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("action", "spawn");
    ask.put("server", request.server().value());
    ask.put("port", port);
    ask.put("env", env);
    // The helper writes these as the user and sets JUPYTERHUB_SSL_*: the hub cannot give files away.
    request.tls().ifPresent(tls -> ask.put("tls", Map.of(Protocol.TLS_KEY, tls.key(),
        Protocol.TLS_CERTIFICATE, tls.certificate(), Protocol.TLS_CLIENT_CA, tls.clientCa())));
    JsonNode reply = SudoCall.run(options, user, ask);
    long pid = reply.path(PID).asLong();
    long startTicks = reply.path(START_TIME).asLong();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put(PID, pid);
    state.put(START_TIME, startTicks);
    state.put(USER, user);
    state.put(SERVER, request.server().value());
    state.put("log", reply.path("log").asString(""));
    LOG.info("started server of {} through the spawn helper: pid {}, port {}, log {}", request.describe(), pid, port,
        reply.path("log").asString(""));
    pointToUserLog(request.logFile(), reply.path("log").asString(""));
    request.progress().accept(new SpawnProgress(40, "Started the server (pid " + pid + ")"));
    return new StartedServer(connectUrl(scheme, ip, port), new SavedState(state), watch(pid, startTicks));
  }

  /**
   * The server writes to the user's own log, which the hub cannot read; the hub's log file for this
   * server says where it is and how to read it, so a failure page points somewhere useful.
   */
  private static void pointToUserLog(Path hubLogFile, String userLog) {
    try {
      java.nio.file.Files.createDirectories(hubLogFile.getParent());
      java.nio.file.Files.writeString(hubLogFile, "The server's output is in " + userLog
          + " (owned by the user; the hub reads it through the spawn helper's tail action)\n");
    } catch (IOException e) {
      LOG.debug("cannot write {}: {}", hubLogFile, e.getMessage());
    }
  }

  /** The helper writes each server's internal TLS files as the user ({@code ~/.ganymede/internal-ssl/}). */
  @Override
  public boolean installsServerCertificates() {
    return true;
  }

  @Override
  public Optional<Integer> poll(SavedState state) {
    long pid = state.number(PID, 0);
    long start = state.number(START_TIME, -1);
    // Without a start time a recycled pid cannot be ruled out; treat it as stopped.
    if (pid > 0 && start >= 0 && ProcessStamp.isRunning(pid, start)) return Optional.empty();
    return Optional.of(0);
  }

  /** The helper sends each signal as the user; liveness is read from /proc without sudo. */
  @Override
  public void stop(SavedState state, StopTimeouts timeouts) {
    if (poll(state).isPresent()) return;
    long pid = state.number(PID, 0);
    long start = state.number(START_TIME, -1);
    String user = String.valueOf(state.values().get(USER));
    StopSequence.run("server pid " + pid + " of " + user, timeouts, new StopSequence.Target() {
      @Override
      public boolean signal(StopSequence.Signal signal) {
        return SudoSpawner.this.signal(user, pid, start, signal.name());
      }

      @Override
      public boolean awaitGone(Duration timeout) {
        return SudoSpawner.awaitGone(pid, start, timeout);
      }
    });
  }

  /** The last {@code lines} lines of the server's log, read as the user through the helper; empty if unreadable. */
  @Override
  public List<String> logTail(SavedState state, java.nio.file.Path logFile, int lines) {
    return logTail(state, lines);
  }

  public List<String> logTail(SavedState state, int lines) {
    Object user = state.values().get(USER);
    if (user == null) return List.of();
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("action", "tail");
    ask.put("server", String.valueOf(state.values().getOrDefault(SERVER, "")));
    ask.put("lines", lines);
    try {
      List<String> out = new ArrayList<>();
      SudoCall.run(options, user.toString(), ask).path("lines").forEach(l -> out.add(l.asString()));
      return out;
    } catch (SpawnException e) {
      LOG.warn("cannot read the server log of {}: {}", user, e.getMessage());
      return List.of();
    }
  }

  /** False when the helper found the process already gone. */
  private boolean signal(String user, long pid, long start, String signal) {
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("action", "signal");
    ask.put(PID, pid);
    ask.put(START_TIME, start);
    ask.put("signal", signal);
    return SudoCall.run(options, user, ask).path("alive").asBoolean(true);
  }

  private static boolean awaitGone(long pid, long start, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ProcessStamp.isRunning(pid, start)) {
      if (System.nanoTime() - deadline >= 0) return false;
      LockSupport.parkNanos(STOP_POLL_NANOS);
    }
    return true;
  }

  /** Completes (with 0: the status of another user's process is not ours to know) when the server ends. */
  private static CompletableFuture<Integer> watch(long pid, long start) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread.ofVirtual().name("watch-server-" + pid).start(() -> {
      while (ProcessStamp.isRunning(pid, start)) LockSupport.parkNanos(WATCH_NANOS);
      exit.complete(0);
    });
    return exit;
  }

  private static int freePort(String ip) {
    try (ServerSocket socket = new ServerSocket(0, 1, ip.isEmpty() ? null : InetAddress.getByName(ip))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new SpawnException("cannot find a free port on Spawner.ip '" + ip + "': " + e.getMessage(), e);
    }
  }

  private static URI connectUrl(String scheme, String ip, int port) {
    String host = ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? "127.0.0.1" : bracketed(ip);
    return URI.create(scheme + "://" + host + ":" + port);
  }

  private static String bracketed(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }
}
