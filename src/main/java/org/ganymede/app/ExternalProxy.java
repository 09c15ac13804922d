package org.ganymede.app;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.config.ProxySettings;
import org.ganymede.proxy.RestRouteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configurable-http-proxy compatible proxy in its own process ({@code ganymede proxy} or CHP):
 * either started by the hub with CHP's command line ({@code should_start}), or already running
 * (so that restarting the hub does not drop users' open connections).
 */
final class ExternalProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExternalProxy.class);
  private final RestRouteStore routes;
  private final Process process;
  private volatile boolean stopOnClose;
  private final java.util.Optional<Path> pidFile;

  private ExternalProxy(RestRouteStore routes, Process process, boolean stopOnClose, java.util.Optional<Path> pidFile) {
    this.routes = routes;
    this.process = process;
    this.stopOnClose = stopOnClose;
    this.pidFile = pidFile;
  }

  RestRouteStore routes() {
    return routes;
  }

  /** Connects to a running proxy at {@code apiUrl}. */
  static ExternalProxy connect(Vertx vertx, URI apiUrl, String token) {
    RestRouteStore store = RestRouteStore.create(vertx, apiUrl, token);
    awaitApi(store, apiUrl, Duration.ofSeconds(10), null);
    return new ExternalProxy(store, null, false, java.util.Optional.empty());
  }

  /**
   * Starts {@code ConfigurableHTTPProxy.command} with JupyterHub's arguments for CHP and waits for
   * its API. As JupyterHub, a proxy left running by an earlier hub (its pid in
   * {@code ConfigurableHTTPProxy.pid_file}) is stopped first; {@code stopOnClose} is
   * {@code JupyterHub.cleanup_proxy}.
   */
  static ExternalProxy launch(Vertx vertx, ProxySettings settings, String ip, int port, String errorTarget,
      String token, Path workDir, boolean stopOnClose) {
    URI apiUrl = URI.create(settings.apiUrl());
    List<String> command = settings.command();
    java.util.Optional<Path> pidFile = settings.pidFile().isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(workDir.resolve(settings.pidFile()));
    pidFile.ifPresent(ExternalProxy::stopPrevious);
    List<String> argv = new ArrayList<>(command);
    argv.addAll(List.of("--ip", ip, "--port", Integer.toString(port), "--api-ip", apiUrl.getHost(),
        "--api-port", Integer.toString(apiUrl.getPort()), "--error-target", errorTarget,
        "--log-level", settings.debug() ? "debug" : settings.logLevel()));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile()).inheritIO();
    pb.environment().put("CONFIGPROXY_AUTH_TOKEN", token);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new StartupException("cannot start the proxy " + command + " (ConfigurableHTTPProxy.command): "
          + e.getMessage());
    }
    log.info("started proxy {} (pid {})", command, process.pid());
    pidFile.ifPresent(f -> writePid(f, process.pid()));
    RestRouteStore store = RestRouteStore.create(vertx, apiUrl, token);
    try {
      awaitApi(store, apiUrl, Duration.ofSeconds(30), process);
    } catch (RuntimeException e) {
      new ExternalProxy(store, process, true, pidFile).close();
      throw e;
    }
    return new ExternalProxy(store, process, stopOnClose, pidFile);
  }

  /** A proxy whose pid is in {@code pidFile} and still runs is stopped: TERM twice, then KILL. */
  private static void stopPrevious(Path pidFile) {
    if (!java.nio.file.Files.exists(pidFile)) return;
    long pid;
    try {
      pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
    } catch (IOException | NumberFormatException e) {
      log.warn("proxy pid file {} holds no pid; removing it", pidFile);
      deleteQuietly(pidFile);
      return;
    }
    java.util.Optional<ProcessHandle> previous = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (previous.isPresent()) {
      log.warn("proxy left running at pid {} ({}); stopping it", pid, pidFile);
      ProcessHandle p = previous.get();
      p.destroy();
      try {
        p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
        p.onExit().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS).exceptionally(x -> null).join();
      }
      if (p.isAlive()) throw new StartupException("cannot stop the proxy left running at pid " + pid + " (" + pidFile
          + ", ConfigurableHTTPProxy.pid_file)");
    }
    deleteQuietly(pidFile);
  }

  private static void writePid(Path pidFile, long pid) {
    try {
      java.nio.file.Files.writeString(pidFile, pid + "\n");
    } catch (IOException e) {
      throw new StartupException("cannot write the proxy's pid to " + pidFile + " (ConfigurableHTTPProxy.pid_file): "
          + e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", file, e.getMessage());
    }
  }

  private static void awaitApi(RestRouteStore store, URI apiUrl, Duration wait, Process process) {
    Instant deadline = Instant.now().plus(wait);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new StartupException("the proxy exited with status " + process.exitValue() + " before its API at "
            + apiUrl + " answered");
      }
      try {
        store.list().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new StartupException("the proxy API at " + apiUrl + " did not answer within " + wait.toSeconds()
        + "s (ConfigurableHTTPProxy.api_url; last error: " + last + ")");
  }

  /** Makes {@link #close} leave a proxy this hub started running ({@code POST /api/shutdown} with proxy=false). */
  void leaveRunning() {
    stopOnClose = false;
  }

  /**
   * Stops a proxy this hub started, unless {@code JupyterHub.cleanup_proxy} is False or it was told
   * to leave it; one that was already running is left running.
   */
  @Override
  public void close() {
    routes.close();
    if (process == null) return;
    if (!stopOnClose) {
      log.info("leaving the proxy running (pid {})", process.pid());
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pidFile.ifPresent(ExternalProxy::deleteQuietly);
  }
}
