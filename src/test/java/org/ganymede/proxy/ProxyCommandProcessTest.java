package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ganymede.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ganymede proxy} as a real process: CHP flags, refused flags, the routes file. */
class ProxyCommandProcessTest {

  @Test
  void flagsItDoesNotImplementAreRefusedByName() {
    var err = new java.io.ByteArrayOutputStream();
    var old = System.err;
    System.setErr(new java.io.PrintStream(err));
    try {
      assertThat(Main.run("proxy", "--port", "0", "--storage-backend", "x", "--auto-rewrite")).isEqualTo(2);
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString()).contains("--storage-backend").contains("--auto-rewrite").contains("not implemented");
  }

  @Test
  void aRestartedProxyRestoresItsRoutesFromTheRoutesFile(@TempDir Path dir) throws Exception {
    QuietLogs.apply();
    Path routes = dir.resolve("routes.json");
    Path pid = dir.resolve("proxy.pid");
    int port = freePort();
    int apiPort = freePort();
    Vertx vertx = Vertx.vertx();
    try (RestRouteStore api = RestRouteStore.create(vertx, URI.create("http://127.0.0.1:" + apiPort), "t0ken")) {
      Process first = launch(port, apiPort, routes, pid);
      try {
        awaitListening(apiPort, first);
        api.add("/user/alice/", "http://127.0.0.1:9", Map.of("jupyterhub", true)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        awaitFile(routes);
        assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(first.pid()));
      } finally {
        first.destroy();
        assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.exists(pid)).as("pid file removed on exit").isFalse();
      assertThat(Files.getPosixFilePermissions(routes)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Process second = launch(port, apiPort, routes, pid);
      try {
        awaitListening(apiPort, second);
        Map<String, ProxyRoute> restored = api.list().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(restored).containsKey("/user/alice");
        assertThat(restored.get("/user/alice").data()).containsEntry("jupyterhub", true);
      } finally {
        second.destroy();
        second.waitFor(15, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close();
    }
  }

  private static Process launch(int port, int apiPort, Path routes, Path pid) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.ganymede.app.Main", "proxy",
        "--ip", "127.0.0.1", "--port", Integer.toString(port), "--api-ip", "127.0.0.1",
        "--api-port", Integer.toString(apiPort), "--routes-file", routes.toString(),
        "--pid-file", pid.toString(), "--log-level", "warn", "--error-target", "http://127.0.0.1:9/hub/error"));
    builder.environment().put("CONFIGPROXY_AUTH_TOKEN", "t0ken");
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private static void awaitListening(int port, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("proxy process alive").isTrue();
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.onSpinWait();
        TimeUnit.MILLISECONDS.sleep(50); // polling a child process; nothing to latch on
      }
    }
    throw new AssertionError("proxy did not listen on " + port + " within 30 s");
  }

  private static void awaitFile(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // the file is written by another process
    }
    assertThat(file).exists();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
