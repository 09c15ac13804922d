package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's JupyterHub 3.0 runs {@code ganymede proxy} as its configurable-http-proxy, adds routes
 * over the REST API, and serves a real single-user server (HTTP and a kernel WebSocket) through it.
 */
@Tag("jupyterhub")
class JupyterHubDrivesProxyTest {
  private static final String TOKEN = "tester-token-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void jupyterHubStartsTheProxyAndServesASingleUserServerThroughIt(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub")), "Debian's jupyterhub is installed");
    QuietLogs.apply();
    int port = freePort();
    int apiPort = freePort();
    int hubPort = freePort();
    Path launcher = dir.resolve("ganymede");
    Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' --enable-native-access=ALL-UNNAMED -Xmx256m -cp '" + System.getProperty("java.class.path")
        + "' org.ganymede.app.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Path config = dir.resolve("jupyterhub_config.py");
    Files.writeString(config, String.join("\n",
        "c = get_config()",
        "c.JupyterHub.ip = '127.0.0.1'",
        "c.JupyterHub.port = " + port,
        "c.JupyterHub.hub_port = " + hubPort,
        "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:" + apiPort + "'",
        "c.ConfigurableHTTPProxy.command = ['" + launcher + "', 'proxy']",
        "c.ConfigurableHTTPProxy.pid_file = '" + dir.resolve("proxy.pid") + "'",
        "c.JupyterHub.authenticator_class = 'dummy'",
        "c.JupyterHub.spawner_class = 'simple'",
        "c.Spawner.args = ['--allow-root']",
        "c.JupyterHub.db_url = 'sqlite:///" + dir.resolve("jupyterhub.sqlite") + "'",
        "c.JupyterHub.cookie_secret_file = '" + dir.resolve("cookie_secret") + "'",
        "c.JupyterHub.services = [{'name': 'tester', 'api_token': '" + TOKEN + "'}]",
        "c.JupyterHub.load_roles = [{'name': 'tester', 'scopes': ['admin:users', 'admin:servers', 'access:servers'], 'services': ['tester']}]",
        ""));
    Process hub = new ProcessBuilder("/usr/bin/jupyterhub", "-f", config.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("jupyterhub.log").toFile()).start();
    Vertx vertx = Vertx.vertx();
    String base = "http://127.0.0.1:" + port;
    try {
      awaitStatus(base + "/hub/api/", 200, hub, dir);
      assertThat(call("POST", base + "/hub/api/users/alice").statusCode()).isEqualTo(201);
      assertThat(call("POST", base + "/hub/api/users/alice/server").statusCode()).isIn(201, 202);
      awaitStatus(base + "/user/alice/api/status", 200, hub, dir);

      JsonObject kernel = new JsonObject(call("POST", base + "/user/alice/api/kernels").body());
      assertThat(executeOverWebSocket(vertx, port, kernel.getString("id"))).isEqualTo("42");
    } finally {
      hub.destroy();
      if (!hub.waitFor(30, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
      vertx.close();
    }
    assertThat(Files.exists(dir.resolve("proxy.pid"))).as("JupyterHub stopped the proxy").isFalse();
  }

  private String executeOverWebSocket(Vertx vertx, int port, String kernelId) throws Exception {
    CompletableFuture<String> printed = new CompletableFuture<>();
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/user/alice/api/kernels/" + kernelId + "/channels").addHeader("Authorization", "token " + TOKEN))
        .onFailure(printed::completeExceptionally)
        .onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("stream".equals(message.getString("msg_type"))) {
              printed.complete(message.getJsonObject("content").getString("text").trim());
            }
          });
          JsonObject header = new JsonObject().put("msg_id", UUID.randomUUID().toString()).put("msg_type", "execute_request")
              .put("username", "t").put("session", UUID.randomUUID().toString()).put("version", "5.3").put("date", "");
          ws.writeTextMessage(new JsonObject().put("header", header).put("parent_header", new JsonObject())
              .put("metadata", new JsonObject()).put("channel", "shell").put("buffers", new JsonArray())
              .put("content", new JsonObject().put("code", "print(6*7)").put("silent", false)).encode());
        });
    return printed.get(60, TimeUnit.SECONDS);
  }

  private HttpResponse<String> call(String method, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "token " + TOKEN)
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until {@code url} answers {@code status}; the hub and spawner are other processes. */
  private void awaitStatus(String url, int status, Process hub, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int last = -1;
    while (System.nanoTime() < deadline) {
      assertThat(hub.isAlive()).as("jupyterhub alive; log: %s", log(dir)).isTrue();
      try {
        last = call("GET", url).statusCode();
        if (last == status) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250); // waiting on another process; nothing to latch on
    }
    throw new AssertionError(url + " answered " + last + ", not " + status + "; log: " + log(dir));
  }

  private static String log(Path dir) throws IOException {
    String log = Files.readString(dir.resolve("jupyterhub.log"));
    return log.substring(Math.max(0, log.length() - 3000));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
