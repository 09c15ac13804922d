package org.ganymede.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * configurable-http-proxy's REST API, answer for answer: {@code GET/POST/DELETE
 * /api/routes[/path]}; unknown paths 404, other methods 405, a POST body that is not JSON 400,
 * a wrong token 403 with an empty body (checked in that order, as CHP does). The token is
 * compared in constant time.
 */
final class ApiHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final Pattern ROUTES = Pattern.compile("^/api/routes(/.*)?$");
  private static final Pattern TOKEN = Pattern.compile("token\\s+(\\S+)");
  private static final long MAX_BODY = 1 << 20;

  private final RouteTable routes;
  private final Optional<byte[]> token;
  final StatusCounters counters = new StatusCounters();

  ApiHandler(RouteTable routes, Optional<String> token) {
    this.routes = routes;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    if (token.isEmpty()) {
      LOG.warn("REST API is not authenticated: set CONFIGPROXY_AUTH_TOKEN");
    }
  }

  private static final long LINGER_BYTES = 16L << 20;
  private static final long LINGER_MILLIS = 2_000;

  @Override
  public void handle(HttpServerRequest request) {
    try {
      dispatch(request);
    } catch (RuntimeException e) {
      // A bug here must still answer: an unanswered request would leave the hub waiting.
      LOG.error("{} {} failed", request.method(), request.path(), e);
      if (!request.response().ended()) fail(request.response(), 500, "Internal error");
    }
  }

  /**
   * Closing at once while the client is still sending would reset the connection and could destroy
   * the 413 before the client reads it; so the rest of the body is read and dropped — at most
   * {@link #LINGER_BYTES} or {@link #LINGER_MILLIS} — and then the connection is closed.
   */
  private static void closeAfterDraining(HttpServerRequest request) {
    long[] dropped = {0};
    Runnable close = () -> request.connection().close();
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > LINGER_BYTES) close.run();
    });
    request.endHandler(v -> close.run());
    request.exceptionHandler(e -> close.run());
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context != null) context.owner().setTimer(LINGER_MILLIS, id -> close.run());
  }

  private void dispatch(HttpServerRequest request) {
    request.response().endHandler(v -> {
      counters.count(request.response().getStatusCode());
      LOG.info("{} {} {}", request.response().getStatusCode(), request.method(), request.path());
    });
    Matcher match = request.path() == null ? null : ROUTES.matcher(request.path());
    if (match == null || !match.matches()) {
      fail(request.response(), 404, "Not Found");
      return;
    }
    String path;
    try {
      path = match.group(1) == null ? null : RouteSpecs.decode(match.group(1));
    } catch (IllegalArgumentException e) {
      fail(request.response(), 400, e.getMessage());
      return;
    }
    HttpMethod method = request.method();
    if (method == HttpMethod.GET) {
      if (authorized(request)) {
        get(request, path);
      }
    } else if (method == HttpMethod.DELETE) {
      if (authorized(request)) {
        delete(request.response(), path);
      }
    } else if (method == HttpMethod.POST) {
      String length = request.getHeader("content-length");
      if (length == null ? request.getHeader("transfer-encoding") != null : !length.matches("\\d{1,7}") || Long.parseLong(length) > MAX_BODY) {
        // Bodies are parsed before the token is checked (CHP's order), so their size is capped.
        request.response().putHeader("connection", "close");
        fail(request.response(), 413, "Route data larger than " + MAX_BODY + " bytes");
        closeAfterDraining(request);
        return;
      }
      request.body().onSuccess(body -> {
        Object data;
        try {
          data = body.length() == 0 ? fail(request.response(), 400, "Body not valid JSON: empty body") : Json.decodeValue(body);
        } catch (DecodeException e) {
          fail(request.response(), 400, "Body not valid JSON: " + e.getMessage());
          return;
        }
        if (request.response().ended() || !authorized(request)) {
          return;
        }
        post(request.response(), path == null ? "/" : path, data);
      });
    } else {
      fail(request.response(), 405, "Method not supported");
    }
  }

  private boolean authorized(HttpServerRequest request) {
    if (token.isEmpty()) {
      return true;
    }
    String header = request.getHeader("authorization");
    Matcher match = TOKEN.matcher(header == null ? "" : header);
    byte[] given = match.find() ? match.group(1).getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (MessageDigest.isEqual(given, token.get())) {
      return true;
    }
    request.response().setStatusCode(403).end();
    return false;
  }

  private void get(HttpServerRequest request, String path) {
    HttpServerResponse response = request.response();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      Optional<LiveRoute> route = routes.get(path);
      if (route.isEmpty()) {
        response.setStatusCode(404).end();
      } else {
        json(response, toJson(route.get()));
      }
      return;
    }
    String since = request.getParam("inactive_since");
    if (since == null) {
      since = request.getParam("inactiveSince");
    }
    Optional<Instant> inactiveSince = Optional.empty();
    if (since != null) {
      inactiveSince = ActivityTimes.parse(since);
      if (inactiveSince.isEmpty()) {
        fail(response, 400, "Invalid datestamp '" + since + "' must be ISO8601.");
        return;
      }
    }
    JsonObject all = new JsonObject();
    for (LiveRoute route : routes.all()) {
      if (inactiveSince.isEmpty() || route.lastActivityMillis() < inactiveSince.get().toEpochMilli()) {
        all.put(route.spec, toJson(route));
      }
    }
    json(response, all);
  }

  private void post(HttpServerResponse response, String path, Object body) {
    if (!(body instanceof JsonObject data) || !(data.getValue("target") instanceof String target)) {
      fail(response, 400, "Must specify 'target' as string");
      return;
    }
    try {
      LiveRoute route = routes.put(path, target, data.getMap());
      LOG.info("Route added {} -> {}", route.spec, target);
      response.setStatusCode(201).end();
    } catch (ProxyException e) {
      fail(response, 400, e.getMessage());
    }
  }

  private void delete(HttpServerResponse response, String path) {
    boolean existed = routes.remove(path == null ? "/" : path);
    if (existed) {
      LOG.info("Removing route {}", RouteSpecs.normalise(path == null ? "/" : path));
    }
    response.setStatusCode(existed ? 204 : 404).end();
  }

  static JsonObject toJson(LiveRoute route) {
    Map<String, Object> map = new LinkedHashMap<>(route.data);
    map.put("target", route.target.url());
    map.put("last_activity", ActivityTimes.format(route.lastActivityMillis()));
    return new JsonObject(map);
  }

  private static void json(HttpServerResponse response, JsonObject body) {
    response.setStatusCode(200).putHeader("content-type", "application/json").end(body.encode());
  }

  private static Object fail(HttpServerResponse response, int code, String message) {
    if (!response.ended()) {
      response.setStatusCode(code).end(Buffer.buffer(message));
    }
    return null;
  }
}
