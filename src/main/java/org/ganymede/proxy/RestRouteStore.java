package org.ganymede.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A {@link RouteStore} that drives a separately running configurable-http-proxy compatible proxy
 * (Ganymede's own {@code ganymede proxy}, or CHP) over its REST API, as JupyterHub's
 * {@code ConfigurableHTTPProxy} does. Trailing slashes are stripped before calling the API.
 */
public final class RestRouteStore implements RouteStore, AutoCloseable {
  private static final long TIMEOUT_MILLIS = 10_000;

  private final HttpClient client;
  private final URI apiUrl;
  private final String authorization;

  private RestRouteStore(HttpClient client, URI apiUrl, String authToken) {
    this.client = client;
    this.apiUrl = apiUrl;
    this.authorization = "token " + authToken;
  }

  /** A client for the API at {@code apiUrl} (e.g. {@code http://127.0.0.1:8001}). */
  public static RestRouteStore create(Vertx vertx, URI apiUrl, String authToken) {
    if (apiUrl.getHost() == null || apiUrl.getScheme() == null) {
      throw new ProxyException("proxy API URL '" + apiUrl + "' needs a scheme and host, e.g. http://127.0.0.1:8001");
    }
    // A new connection per route change: changes come at spawn and stop, a loopback connect costs
    // ~1 ms, and a pooled connection the proxy closes while it is being reused once left a change
    // waiting for ever (ProxyApiTest, about one run in seven).
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(false);
    return new RestRouteStore(vertx.createHttpClient(options), apiUrl, authToken);
  }

  @Override
  public CompletionStage<Void> add(String routespec, String target, Map<String, Object> data) {
    JsonObject body = new JsonObject(new LinkedHashMap<>(data)).put("target", target);
    return call(HttpMethod.POST, routespec, body.toBuffer())
        .compose(response -> expect(response, 201, "add " + routespec))
        .<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> delete(String routespec) {
    return call(HttpMethod.DELETE, routespec, Buffer.buffer())
        .compose(response -> response.status == 404 ? Future.succeededFuture(response) : expect(response, 204, "delete " + routespec))
        .<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Map<String, ProxyRoute>> list() {
    return call(HttpMethod.GET, "", Buffer.buffer())
        .compose(response -> expect(response, 200, "list routes"))
        .map(response -> {
          Map<String, ProxyRoute> routes = new LinkedHashMap<>();
          JsonObject all = new JsonObject(response.body);
          for (Map.Entry<String, Object> entry : all) {
            JsonObject route = (JsonObject) entry.getValue();
            Map<String, Object> data = new LinkedHashMap<>(route.getMap());
            String target = String.valueOf(data.remove("target"));
            Object activity = data.remove("last_activity");
            routes.put(entry.getKey(), new ProxyRoute(entry.getKey(), target, data,
                activity instanceof String text ? ActivityTimes.parse(text) : java.util.Optional.empty()));
          }
          return routes;
        })
        .toCompletionStage();
  }

  private record Answer(int status, Buffer body) {}

  private Future<Answer> call(HttpMethod method, String routespec, Buffer body) {
    String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String spec = routespec.isEmpty() ? "" : RouteSpecs.normalise(routespec);
    if (spec.equals("/") && method == HttpMethod.GET) {
      spec = "";
    }
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setHost(apiUrl.getHost())
        .setPort(apiUrl.getPort() > 0 ? apiUrl.getPort() : ("https".equals(apiUrl.getScheme()) ? 443 : 80))
        .setSsl("https".equals(apiUrl.getScheme()))
        .setURI(path + "/api/routes" + encode(spec))
        .setTimeout(TIMEOUT_MILLIS)
        .putHeader("authorization", authorization);
    if (method == HttpMethod.POST) {
      options.putHeader("content-type", "application/json");
    }
    // Every route call is idempotent (POST replaces, DELETE of a missing route is fine), so an
    // exchange that gets no answer is tried once more. The deadline bounds the whole exchange,
    // connection included: Vert.x's own request timeout does not, and one call in a few hundred
    // under load was seen waiting for ever (ProxyApiTest).
    return exchange(options, method, body)
        .recover(e -> noAnswer(e) ? exchange(options, method, body) : Future.failedFuture(e))
        .recover(e -> Future.failedFuture(noAnswer(e)
            ? new ProxyException(method + " " + apiUrl + "/api/routes" + routespec + " got no answer twice: " + e.getMessage())
            : e));
  }

  private Future<Answer> exchange(RequestOptions options, HttpMethod method, Buffer body) {
    return client.request(options)
        .compose(request -> method == HttpMethod.POST ? request.send(body) : request.send())
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
        .timeout(TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private static boolean noAnswer(Throwable e) {
    return e instanceof java.util.concurrent.TimeoutException || e instanceof io.vertx.core.http.HttpClosedException;
  }

  private static Future<Answer> expect(Answer answer, int status, String what) {
    if (answer.status == status) {
      return Future.succeededFuture(answer);
    }
    return Future.failedFuture(new ProxyException("proxy API refused to " + what + ": HTTP "
        + answer.status + (answer.status == 403 ? " (check CONFIGPROXY_AUTH_TOKEN)" : " " + answer.body)));
  }

  private static String encode(String spec) {
    StringBuilder out = new StringBuilder();
    for (String segment : spec.split("/", -1)) {
      if (out.length() > 0 || !segment.isEmpty()) {
        out.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return spec.isEmpty() ? "" : (out.length() == 0 ? "/" : out.toString().startsWith("//") ? out.substring(1) : out.toString());
  }

  @Override
  public void close() {
    client.close();
  }
}
