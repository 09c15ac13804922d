package org.ganymede.proxy;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path: one public HTTP request in, one request to the route's target out, bodies
 * streamed both ways with back-pressure ({@code pipe}), no I/O but forwarding, no logging unless
 * something fails. Runs on one event loop; every method is called on it.
 */
final class Forwarder implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
  private static final String HEALTH_PATH = "/_chp_healthz";

  private final RouteTable routes;
  private final ProxyOptions options;
  private final HttpClient client;
  private final ErrorResponder errors;
  private final StatusCounters counters;
  private final IdleConnections idle;
  private final WebSocketTunnel tunnel;
  private final long proxyTimeoutMillis;

  Forwarder(RouteTable routes, ProxyOptions options, HttpClient client, HttpClient upgrades,
      ErrorResponder errors, StatusCounters counters, IdleConnections idle) {
    this.routes = routes;
    this.options = options;
    this.client = client;
    this.errors = errors;
    this.counters = counters;
    this.idle = idle;
    this.tunnel = new WebSocketTunnel(this, upgrades, counters, idle);
    this.proxyTimeoutMillis = options.proxyTimeout().map(d -> d.toMillis()).orElse(0L);
  }

  @Override
  public void handle(HttpServerRequest request) {
    idle.started(request);
    String problem = RequestChecks.problem(request);
    if (problem != null) {
      reject(request, problem);
      return;
    }
    String rawPath = request.path();
    if (rawPath.equals(HEALTH_PATH)) {
      counters.count(200);
      request.response().putHeader("content-type", "application/json").end("{\"status\":\"OK\"}");
      return;
    }
    String path;
    try {
      path = RouteSpecs.decode(rawPath);
    } catch (IllegalArgumentException e) {
      reject(request, e.getMessage());
      return;
    }
    if (options.hostRouting()) {
      path = "/" + hostWithoutPort(request) + path;
    }
    LiveRoute route = routes.lookup(path);
    if (route == null) {
      errors.send(request, 404, "no route");
      return;
    }
    String uri = route.target.join(forwardedPath(request, rawPath, route), options.prependPath());
    if (isUpgrade(request)) {
      tunnel.open(request, route, uri);
    } else {
      forward(request, route, uri);
    }
  }

  private void reject(HttpServerRequest request, String problem) {
    counters.count(400);
    LOG.warn("400 {} refused: {}", request.method(), problem);
    request.response().setStatusCode(400).putHeader("connection", "close").end("Bad Request")
        .onComplete(v -> request.connection().close());
  }

  private static String hostWithoutPort(HttpServerRequest request) {
    return request.authority() == null ? "" : request.authority().host();
  }

  private static boolean isUpgrade(HttpServerRequest request) {
    String upgrade = request.headers().get("upgrade");
    String connection = request.headers().get("connection");
    return upgrade != null && connection != null
        && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
        && request.method() == HttpMethod.GET;
  }

  /** Path and query to forward: the raw path, minus the route prefix if includePrefix is off. */
  private String forwardedPath(HttpServerRequest request, String rawPath, LiveRoute route) {
    String path = rawPath;
    if (!options.includePrefix()) {
      path = stripSegments(rawPath, RouteTrie.segments(route.pathPrefix).size());
    }
    String query = request.query();
    return query == null ? path : path + "?" + query;
  }

  /** Drops the first {@code count} path segments, keeping what follows (with its slash). */
  static String stripSegments(String path, int count) {
    int i = 0;
    for (int n = 0; n < count; n++) {
      while (i < path.length() && path.charAt(i) == '/') {
        i++;
      }
      int slash = path.indexOf('/', i);
      i = slash < 0 ? path.length() : slash;
    }
    return path.substring(i);
  }

  RequestOptions requestOptions(HttpServerRequest request, LiveRoute route, String uri) {
    Target target = route.target;
    RequestOptions ro = new RequestOptions()
        .setMethod(request.method())
        .setServer(target.address())
        .setHost(target.host())
        .setSsl(target.ssl())
        .setURI(uri);
    if (proxyTimeoutMillis > 0) {
      ro.setConnectTimeout(proxyTimeoutMillis).setIdleTimeout(proxyTimeoutMillis);
    }
    return ro;
  }

  /** Copies request headers to the target: end-to-end ones, Host, custom and X-Forwarded-*. */
  void copyRequestHeaders(HttpServerRequest request, HttpClientRequest outgoing, boolean webSocket) {
    MultiMap out = outgoing.headers();
    Headers.copyEndToEnd(request.headers(), out, true);
    if (request.authority() != null) {
      outgoing.authority(request.authority());
    }
    for (Map.Entry<String, String> header : options.customHeaders().entrySet()) {
      out.set(header.getKey(), header.getValue());
    }
    if (options.xForward()) {
      Headers.addForwarded(request, out, webSocket);
    }
  }

  private void forward(HttpServerRequest request, LiveRoute route, String uri) {
    request.pause();
    client.request(requestOptions(request, route, uri)).onComplete(ar -> {
      if (ar.failed()) {
        errors.send(request, 503, "target " + route.target.url() + ": " + ar.cause().getMessage());
        return;
      }
      HttpClientRequest outgoing = ar.result();
      copyRequestHeaders(request, outgoing, false);
      outgoing.response().onComplete(response -> relay(request, route, outgoing, response));
      if (RequestChecks.hasBody(request)) {
        if (!request.headers().contains("content-length")) {
          outgoing.setChunked(true);
        }
        request.pipe().endOnFailure(false).to(outgoing).onFailure(e -> outgoing.reset());
      } else {
        outgoing.end();
        request.resume();
      }
    });
  }

  /** Sends the target's response (or a 503) to the client. */
  void relay(HttpServerRequest request, LiveRoute route, HttpClientRequest outgoing,
      AsyncResult<HttpClientResponse> ar) {
    if (ar.failed()) {
      errors.send(request, 503, "target " + route.target.url() + ": " + ar.cause().getMessage());
      return;
    }
    HttpClientResponse incoming = ar.result();
    HttpServerResponse response = request.response();
    int status = incoming.statusCode();
    response.setStatusCode(status);
    response.setStatusMessage(incoming.statusMessage());
    Headers.copyEndToEnd(incoming.headers(), response.headers(), false);
    if (options.hsts().isPresent() && !response.headers().contains("strict-transport-security")) {
      response.headers().set("strict-transport-security", options.hsts().get());
    }
    if (!response.headers().contains("content-length") && mayHaveBody(request.method(), status)) {
      response.setChunked(true);
    }
    counters.count(status);
    boolean success = status < 300;
    if (success) {
      route.touch();
    }
    incoming.pipe().endOnFailure(false).to(response).onComplete(done -> {
      if (done.failed()) {
        // One side went away mid-body: drop both connections so neither is reused half-read.
        outgoing.reset();
        request.connection().close();
      } else if (success) {
        route.touch();
      }
    });
  }

  private static boolean mayHaveBody(HttpMethod method, int status) {
    return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
  }

  HttpClient client() {
    return client;
  }

  ErrorResponder errors() {
    return errors;
  }
}
