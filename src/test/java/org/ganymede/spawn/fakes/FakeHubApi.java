package org.ganymede.spawn.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Fakes the few hub API routes a {@code jupyterhub-singleuser} 3.0 server calls while it starts:
 * the version check, activity reports and {@code GET /hub/api/user}. Tokens handed out by
 * {@link #hubEnvFor} identify their user; the activity route accepts any request.
 */
public final class FakeHubApi implements AutoCloseable {
  public static final String VERSION = "3.0.0";

  private final HttpServer server;
  private final CountDownLatch versionChecked = new CountDownLatch(1);
  private final CountDownLatch activityReported = new CountDownLatch(1);
  private final Map<String, String> userByToken = new ConcurrentHashMap<>();

  private FakeHubApi(HttpServer server) {
    this.server = server;
  }

  /** Starts on 127.0.0.1, on a free port. */
  public static FakeHubApi start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    FakeHubApi hub = new FakeHubApi(server);
    server.createContext("/hub/api", hub::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return hub;
  }

  /** {@code JUPYTERHUB_API_URL}: {@code http://127.0.0.1:<port>/hub/api}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub/api";
  }

  /** Counts down when a server has asked for the hub version. */
  public CountDownLatch versionChecked() {
    return versionChecked;
  }

  public CountDownLatch activityReported() {
    return activityReported;
  }

  /** The hub environment (protocol §2) for {@code user}'s default server at {@code /user/<user>/}. */
  public Map<String, String> hubEnvFor(String user, String token) {
    String access = "[\"access:servers!server=" + user + "/\", \"access:servers!user=" + user + "\"]";
    userByToken.put(token, user);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JUPYTERHUB_API_TOKEN", token);
    env.put("JPY_API_TOKEN", token);
    env.put("JUPYTERHUB_CLIENT_ID", "jupyterhub-user-" + user);
    env.put("JUPYTERHUB_HOST", "");
    env.put("JUPYTERHUB_OAUTH_CALLBACK_URL", "/user/" + user + "/oauth_callback");
    env.put("JUPYTERHUB_OAUTH_SCOPES", access);
    env.put("JUPYTERHUB_OAUTH_ACCESS_SCOPES", access);
    env.put("JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES", "[]");
    env.put("JUPYTERHUB_USER", user);
    env.put("JUPYTERHUB_SERVER_NAME", "");
    env.put("JUPYTERHUB_API_URL", apiUrl());
    env.put("JUPYTERHUB_ACTIVITY_URL", apiUrl() + "/users/" + user + "/activity");
    env.put("JUPYTERHUB_BASE_URL", "/");
    env.put("JUPYTERHUB_SERVICE_PREFIX", "/user/" + user + "/");
    env.put("JUPYTERHUB_DISABLE_USER_CONFIG", "1");
    return env;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("X-JupyterHub-Version", VERSION);
      if (method.equals("GET") && (path.equals("/hub/api") || path.equals("/hub/api/"))) {
        versionChecked.countDown();
        json(exchange, 200, "{\"version\": \"" + VERSION + "\"}");
      } else if (method.equals("POST") && path.matches("/hub/api/users/[^/]+/activity")) {
        activityReported.countDown();
        exchange.sendResponseHeaders(200, -1);
      } else if (method.equals("GET") && path.equals("/hub/api/user")) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String user = userByToken.get(auth.replaceFirst("(?i)^(token|bearer) ", ""));
        if (user == null) {
          json(exchange, 403, "{\"status\": 403, \"message\": \"Missing or invalid credentials.\"}");
        } else {
          json(exchange, 200, "{\"kind\": \"user\", \"name\": \"" + user + "\", \"admin\": false,"
              + " \"groups\": [], \"scopes\": [\"access:servers!server=" + user + "/\"], \"session_id\": null}");
        }
      } else {
        json(exchange, 404, "{\"status\": 404, \"message\": \"Not Found\"}");
      }
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
