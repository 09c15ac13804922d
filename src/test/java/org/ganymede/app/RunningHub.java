package org.ganymede.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.http.Json;
import tools.jackson.databind.JsonNode;

/** A real hub on random loopback ports with a real SQLite file in a temporary directory. */
final class RunningHub implements AutoCloseable {
  final Path dir;
  final Ganymede hub;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final String adminToken;

  private RunningHub(Path dir, Ganymede hub, String adminToken) {
    this.dir = dir;
    this.hub = hub;
    this.adminToken = adminToken;
  }

  /** Starts a hub whose config is the given trait options plus test defaults; the admin is "admin". */
  static RunningHub start(Path dir, String... traits) {
    return start(dir, Map.of(), java.util.function.UnaryOperator.identity(), traits);
  }

  /** As above, with the hub's environment {@code env} and the configured authenticator wrapped by {@code fake}. */
  static RunningHub start(Path dir, Map<String, String> env,
      java.util.function.UnaryOperator<org.ganymede.auth.Authenticator> fake, String... traits) {
    List<String> args = new ArrayList<>(List.of("--ip=127.0.0.1", "--port=" + freePort(), "--JupyterHub.hub_port=0",
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
        "--JupyterHub.authenticator_class=dummy", "--Authenticator.admin_users={'admin'}"));
    args.addAll(List.of(traits));
    var config = ConfigLoader.load(new ConfigSources(java.util.Optional.empty(), args, Map.of())).config();
    Ganymede hub = Ganymede.start(config, dir, env, fake);
    String token = hub.tokens().issue("user", "admin", List.of("inherit"), "test admin", java.util.Optional.empty(),
        java.util.Optional.empty(), "jupyterhub").secret();
    return new RunningHub(dir, hub, token);
  }

  static int freePort() {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + hub.publicPort() + path;
  }

  /** An API call through the proxy with {@code token}; body may be null. */
  Response api(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/hub/api" + path)))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "token " + token);
    return send(b.build());
  }

  Response admin(String method, String path, String body) {
    return api(method, path, adminToken, body);
  }

  Response send(HttpRequest request) {
    try {
      return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(HttpResponse<String> raw) {
    int status() {
      return raw.statusCode();
    }

    String body() {
      return raw.body();
    }

    JsonNode json() {
      return Json.MAPPER.readTree(raw.body());
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }

  @Override
  public void close() {
    hub.close();
  }
}
