package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub-level settings that act at start and stop: pid_file, Proxy.extra_routes, cleanup_proxy with a
 * proxy in its own process (and its pid_file and debug), upgrade_db.
 */
class StartupSettingsTest {
  @TempDir Path dir;

  @Test
  void pidFileHoldsTheHubsPidWhileItRunsAndIsGoneAfterStop() throws Exception {
    Path pid = dir.resolve("hub.pid");
    try (RunningHub hub = RunningHub.start(dir, "--pid-file=" + pid)) {
      assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
    assertThat(pid).doesNotExist();
  }

  @Test
  void extraRoutesAreServedThroughTheProxy() throws Exception {
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      byte[] body = ("extra " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    backend.start();
    try (RunningHub hub = RunningHub.start(dir, "--Proxy.extra_routes={'/landing': 'http://127.0.0.1:"
        + backend.getAddress().getPort() + "'}")) {
      var response = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/landing/page"))).build());
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("extra /landing/page");
      assertThat(hub.admin("GET", "/users", null).status()).as("the hub keeps its own route").isEqualTo(200);
    } finally {
      backend.stop(0);
    }
  }

  @Test
  void extraRoutesThatCannotBeRoutedStopTheStartNamingTheRoute() {
    Throwable withHost = catchThrowable(() -> RunningHub.start(dir,
        "--Proxy.extra_routes={'example.com/x/': 'http://127.0.0.1:9'}"));
    assertThat(withHost).isInstanceOf(StartupException.class)
        .hasMessageContaining("Proxy.extra_routes['example.com/x/'] must start with '/'");
    Throwable badTarget = catchThrowable(() -> RunningHub.start(dir, "--Proxy.extra_routes={'/x/': 'ftp://h/'}"));
    assertThat(badTarget).hasMessageContaining("Proxy.extra_routes['/x/'] must be an http:// or https:// URL");
  }

  @Test
  void cleanupProxyFalseWithTheBuiltInProxyIsRefusedByName() {
    assertThat(catchThrowable(() -> RunningHub.start(dir, "--JupyterHub.cleanup_proxy=False")))
        .isInstanceOf(StartupException.class).hasMessageContaining("JupyterHub.cleanup_proxy = False")
        .hasMessageContaining("proxy_class");
  }

  /**
   * As JupyterHub: cleanup_proxy False leaves the proxy it started running, with its pid in
   * ConfigurableHTTPProxy.pid_file; the next hub finds it there and replaces it.
   */
  @Test
  void cleanupProxyFalseLeavesTheStartedProxyRunningAndTheNextHubReplacesIt() throws Exception {
    int apiPort = RunningHub.freePort();
    String command = "--ConfigurableHTTPProxy.command=" + pythonList(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "org.ganymede.app.Main", "proxy"));
    String[] traits = {"--JupyterHub.proxy_class=configurable-http-proxy", command,
        "--ConfigurableHTTPProxy.api_url=http://127.0.0.1:" + apiPort, "--ConfigurableHTTPProxy.auth_token=tok3n-proxy",
        "--ConfigurableHTTPProxy.pid_file=proxy.pid", "--ConfigurableHTTPProxy.debug=True",
        "--JupyterHub.cleanup_proxy=False"};
    Path pidFile = dir.resolve("proxy.pid");
    List<ProcessHandle> started = new java.util.ArrayList<>();
    try {
      ProcessHandle first;
      try (RunningHub hub = RunningHub.start(dir, traits)) {
        first = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        started.add(first);
        assertThat(Files.readString(Path.of("/proc/" + first.pid() + "/cmdline")).split("\0"))
            .as("ConfigurableHTTPProxy.debug").containsSequence("--log-level", "debug");
        assertThat(hub.admin("GET", "/users", null).status()).isEqualTo(200);
      }
      assertThat(first.isAlive()).as("left running by cleanup_proxy = False").isTrue();
      try (RunningHub hub = RunningHub.start(dir, traits)) {
        long second = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(second).ifPresent(started::add);
        assertThat(first.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("replaced by the next hub").isFalse();
        assertThat(second).isNotEqualTo(first.pid());
        assertThat(hub.admin("GET", "/users", null).status()).isEqualTo(200);
      }
    } finally {
      started.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void anOlderSchemaStopsTheStartUnlessUpgradeDbIsSet() throws Exception {
    RunningHub.start(dir).close();
    Path db = dir.resolve("jupyterhub.sqlite");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().executeUpdate("UPDATE flyway_schema_history SET version = '0'");
    }
    assertThat(catchThrowable(() -> RunningHub.start(dir))).hasMessageContaining("schema version 0")
        .hasMessageContaining("ganymede upgrade-db").hasMessageContaining("JupyterHub.upgrade_db = True");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().executeUpdate("UPDATE flyway_schema_history SET version = '999'");
    }
    assertThat(catchThrowable(() -> RunningHub.start(dir, "--JupyterHub.upgrade_db=True")))
        .hasMessageContaining("newer than this Ganymede knows");
  }

  private static String pythonList(List<String> items) {
    return "[" + String.join(", ", items.stream().map(s -> "'" + s + "'").toList()) + "]";
  }
}
