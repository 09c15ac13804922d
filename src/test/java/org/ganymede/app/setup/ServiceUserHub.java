package org.ganymede.app.setup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The hub as the systemd unit runs it: a JVM of the service user's own, from the jar setup
 * installed, with setup's config file, on random loopback ports; its output kept for messages.
 */
final class ServiceUserHub implements AutoCloseable {
  final Process process;
  final String base;
  private final StringBuilder log;

  private ServiceUserHub(Process process, String base, StringBuilder log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts the hub with {@code traits} added to its command line; returns once it says it runs. */
  static ServiceUserHub start(Layout layout, String... traits) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>(asService(layout, layout.java().toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        layout.helperDir().resolve("lib") + "/*", "org.ganymede.app.Main", "-f", config(layout), "--ip=127.0.0.1",
        "--port=" + port, "--JupyterHub.hub_port=" + freePort(), "--Spawner.http_timeout=120",
        "--Spawner.start_timeout=120"));
    command.addAll(List.of(traits));
    Process hub = new ProcessBuilder(command).directory(layout.dataDir().toFile()).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    CompletableFuture<Boolean> up = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (var lines = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          if (line.contains("Ganymede is running at")) up.complete(true);
        }
      } catch (java.io.IOException e) {
        // the hub was stopped
      }
      up.complete(false);
    });
    ServiceUserHub running = new ServiceUserHub(hub, "http://127.0.0.1:" + port, log);
    if (!up.get(90, TimeUnit.SECONDS)) {
      running.close();
      throw new AssertionError("the hub did not start: " + running.log());
    }
    return running;
  }

  /** A new API token for {@code user}, made by {@code ganymede token} as the service user. */
  static String token(Layout layout, String user) throws Exception {
    List<String> command = asService(layout, layout.java().toString(), "--enable-native-access=ALL-UNNAMED",
        "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-cp", layout.helperDir().resolve("lib") + "/*",
        "org.ganymede.app.Main", "token", user, "-f", config(layout));
    Process run = new ProcessBuilder(command).directory(layout.dataDir().toFile()).redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) throw new AssertionError("token failed: " + out);
    return out.strip().lines().reduce((a, b) -> b).orElseThrow();
  }

  static List<String> asService(Layout layout, String... command) {
    List<String> out = new ArrayList<>(List.of("runuser", "-u", layout.serviceUser(), "--"));
    out.addAll(List.of(command));
    return out;
  }

  /** The hub's own JVM (runuser is its parent). */
  long javaPid() {
    return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
        .findFirst().map(ProcessHandle::pid).orElse(process.pid());
  }

  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  private static String config(Layout layout) {
    return layout.configDir().resolve("ganymede_config.py").toString();
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    process.waitFor(20, TimeUnit.SECONDS);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
