package org.ganymede.app;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private volatile boolean leaveRunning;

  private ExternalProxy(RestRouteStore routes, Process process) {
    this.routes = routes;
    this.process = process;
  }

  RestRouteStore routes() {
    return routes;
  }

  /** Connects to a running proxy at {@code apiUrl}. */
  static ExternalProxy connect(Vertx vertx, URI apiUrl, String token) {
    RestRouteStore store = RestRouteStore.create(vertx, apiUrl, token);
    awaitApi(store, apiUrl, Duration.ofSeconds(10), null);
    return new ExternalProxy(store, null);
  }

  /** Starts {@code command} with JupyterHub's arguments for CHP and waits for its API. */
  static ExternalProxy launch(Vertx vertx, List<String> command, String ip, int port, URI apiUrl, String errorTarget,
      String logLevel, String token, Path workDir) {
    List<String> argv = new ArrayList<>(command);
    argv.addAll(List.of("--ip", ip, "--port", Integer.toString(port), "--api-ip", apiUrl.getHost(),
        "--api-port", Integer.toString(apiUrl.getPort()), "--error-target", errorTarget, "--log-level", logLevel));
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
    RestRouteStore store = RestRouteStore.create(vertx, apiUrl, token);
    awaitApi(store, apiUrl, Duration.ofSeconds(30), process);
    return new ExternalProxy(store, process);
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
    leaveRunning = true;
  }

  /** Stops a proxy this hub started, unless told to leave it; one that was already running is left running. */
  @Override
  public void close() {
    routes.close();
    if (process != null && leaveRunning) {
      log.info("leaving the proxy (pid {}) running", process.pid());
    } else if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
