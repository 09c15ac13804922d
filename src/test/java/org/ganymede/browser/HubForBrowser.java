package org.ganymede.browser;

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
import java.util.Optional;
import org.ganymede.app.Ganymede;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;

/**
 * A real hub on random loopback ports with a real SQLite file, for a real browser to visit; the
 * same shape as the app package's RunningHub, which is package-private there. The admin is "admin".
 */
final class HubForBrowser implements AutoCloseable {
  final Ganymede hub;
  final String adminToken;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HubForBrowser(Ganymede hub, String adminToken) {
    this.hub = hub;
    this.adminToken = adminToken;
  }

  static HubForBrowser start(Path dir, String... traits) {
    List<String> args = new ArrayList<>(List.of("--ip=127.0.0.1", "--port=" + freePort(), "--JupyterHub.hub_port=0",
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
        "--JupyterHub.authenticator_class=dummy", "--Authenticator.admin_users={'admin'}"));
    args.addAll(List.of(traits));
    var config = ConfigLoader.load(new ConfigSources(Optional.empty(), args, Map.of())).config();
    Ganymede hub = Ganymede.start(config, dir, Map.of());
    String token = hub.tokens().issue("user", "admin", List.of("inherit"), "browser test admin", Optional.empty(),
        Optional.empty(), "jupyterhub").secret();
    return new HubForBrowser(hub, token);
  }

  String url(String path) {
    return "http://127.0.0.1:" + hub.publicPort() + path;
  }

  /** A plain GET through the proxy, no cookies, redirects not followed. */
  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).build());
  }

  /** An admin API call through the proxy; body may be null. */
  HttpResponse<String> admin(String method, String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(url("/hub/api" + path))).timeout(Duration.ofSeconds(30))
        .header("Authorization", "token " + adminToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Removes a test's temporary directory (database, cookie secret); what cannot be removed stays in /tmp. */
  static void deleteTree(Path dir) {
    if (dir == null) return;
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // a leftover directory in /tmp is harmless
    }
  }

  @Override
  public void close() {
    hub.close();
  }
}
