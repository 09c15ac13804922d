package org.ganymede.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.Json;

/**
 * A database made by Debian's JupyterHub 3.0: started briefly with the dummy authenticator on
 * loopback ports, admin "ada" and user "bob", group "physics" (bob), role "reader" (bob, physics,
 * service svc), service "svc" with a configured token, a token made by {@code jupyterhub token}
 * for ada, one made through the REST API for bob, and bob's named server "lab" (whose spawn fails:
 * its command is /bin/false, which leaves the record as JupyterHub keeps it).
 */
record RealJupyterHubDatabase(Path file, String adaToken, String bobToken, String serviceToken) {
  static final String SERVICE_TOKEN = "svc-secret-token-0123456789abcdef";

  static RealJupyterHubDatabase make(Path dir) throws Exception {
    int port = RunningHub.freePort();
    Path db = dir.resolve("jupyterhub.sqlite");
    Path config = dir.resolve("jupyterhub_config.py");
    Files.writeString(config, String.join("\n",
        "c = get_config()",
        "c.JupyterHub.ip = '127.0.0.1'",
        "c.JupyterHub.port = " + port,
        "c.JupyterHub.hub_ip = '127.0.0.1'",
        "c.JupyterHub.hub_port = " + RunningHub.freePort(),
        "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:" + RunningHub.freePort() + "'",
        "c.JupyterHub.db_url = 'sqlite:///" + db + "'",
        "c.JupyterHub.cookie_secret_file = '" + dir.resolve("cookie_secret") + "'",
        "c.JupyterHub.pid_file = '" + dir.resolve("jupyterhub.pid") + "'",
        "c.JupyterHub.authenticator_class = 'dummy'",
        "c.Authenticator.admin_users = {'ada'}",
        "c.Authenticator.allowed_users = {'ada', 'bob'}",
        "c.JupyterHub.allow_named_servers = True",
        "c.JupyterHub.load_groups = {'physics': ['bob']}",
        "c.JupyterHub.services = [{'name': 'svc', 'api_token': '" + SERVICE_TOKEN + "'}]",
        "c.JupyterHub.load_roles = [{'name': 'reader', 'scopes': ['read:users'], 'users': ['bob'], "
            + "'groups': ['physics'], 'services': ['svc']}]",
        "c.Spawner.cmd = ['/bin/false']", ""));
    Process token = jupyterhub(dir, "token", "ada", "-f", config.toString()).redirectError(dir.resolve("token.log")
        .toFile()).start();
    String adaToken = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (token.waitFor() != 0 || !adaToken.matches("[0-9a-f]{32}")) {
      throw new IllegalStateException("jupyterhub token failed: " + Files.readString(dir.resolve("token.log")));
    }

    Process hub = jupyterhub(dir, "-f", config.toString()).redirectErrorStream(true).start();
    CountDownLatch running = new CountDownLatch(1);
    StringBuilder log = new StringBuilder();
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          if (line.contains("JupyterHub is now running")) running.countDown();
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    try {
      if (!running.await(60, TimeUnit.SECONDS)) {
        synchronized (log) {
          throw new IllegalStateException("JupyterHub did not start:\n" + log);
        }
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String api = "http://127.0.0.1:" + port + "/hub/api";
      HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(api + "/users/bob/tokens"))
          .header("Authorization", "token " + adaToken)
          .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"made through the API\", \"scopes\": [\"read:users\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (made.statusCode() != 201) throw new IllegalStateException("token request: " + made.body());
      String bobToken = Json.MAPPER.readTree(made.body()).get("token").asString();
      http.send(HttpRequest.newBuilder(URI.create(api + "/users/bob/servers/lab"))
          .header("Authorization", "token " + adaToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      return new RealJupyterHubDatabase(db, adaToken, bobToken, SERVICE_TOKEN);
    } finally {
      hub.destroy(); // SIGTERM: JupyterHub stops its proxy and commits
      if (!hub.waitFor(30, TimeUnit.SECONDS)) hub.destroyForcibly().waitFor();
    }
  }

  private static ProcessBuilder jupyterhub(Path dir, String... args) {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("/usr/bin/jupyterhub");
    pb.command().addAll(java.util.List.of(args));
    pb.directory(dir.toFile());
    // Debian's configurable-http-proxy needs it with the node installed here
    pb.environment().put("NODE_PATH", "/usr/share/nodejs");
    return pb;
  }
}
