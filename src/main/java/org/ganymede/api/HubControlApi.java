package org.ganymede.api;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Map;
import org.ganymede.hub.ProxyTable;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /proxy} (the routing table, scope {@code proxy}) and {@code /shutdown} (scope {@code shutdown}). */
final class HubControlApi {
  private final ProxyTable proxy;
  private final HubShutdown shutdown;
  private final int defaultLimit;
  private final int maxLimit;
  private final String apiPrefix;

  HubControlApi(ProxyTable proxy, HubShutdown shutdown, int defaultLimit, int maxLimit, String apiPrefix) {
    this.proxy = proxy;
    this.shutdown = shutdown;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
    this.apiPrefix = apiPrefix;
  }

  /** The routing table by routespec; with JupyterHub 5's pagination over the sorted routespecs. */
  Reply routes(ApiRequest req) {
    req.requireUnfiltered("proxy");
    Pagination p = Pagination.of(req, defaultLimit, maxLimit);
    var all = proxy.routes();
    Map<String, Map<String, Object>> page = new java.util.LinkedHashMap<>();
    for (String spec : p.page(java.util.List.copyOf(all.keySet()))) page.put(spec, all.get(spec));
    return p.reply(page, all.size(), req, apiPrefix + "/proxy");
  }

  /** Re-syncs the proxy with the hub's servers: missing routes are added again. */
  Reply sync(ApiRequest req) {
    req.requireUnfiltered("proxy");
    proxy.sync();
    return Reply.empty(200);
  }

  /**
   * Points the hub at a new proxy ({@code api_url}, {@code auth_token}, each optional), then
   * syncs its routes. 400 for a proxy built into the hub, which has no API address.
   */
  Reply move(ApiRequest req) {
    req.requireUnfiltered("proxy");
    if (req.bodyText().isBlank()) throw HttpException.badRequest("need JSON body");
    ObjectNode body = req.bodyObject();
    for (String key : body.propertyNames()) {
      if (!key.equals("api_url") && !key.equals("auth_token")) {
        throw HttpException.badRequest("Invalid JSON key '" + key + "'; allowed: api_url, auth_token");
      }
    }
    ProxyTable.ProxyAddress current = proxy.address().orElseThrow(() -> HttpException.badRequest(
        "The proxy is built into this hub (JupyterHub.proxy_class is not configurable-http-proxy); "
            + "it has no api_url or auth_token to change"));
    URI apiUrl = current.apiUrl();
    if (body.has("api_url")) apiUrl = url(body.get("api_url"));
    String token = current.authToken();
    if (body.has("auth_token")) {
      if (!body.get("auth_token").isString() || body.get("auth_token").asString().isEmpty()) {
        throw HttpException.badRequest("auth_token must be a non-empty string");
      }
      token = body.get("auth_token").asString();
    }
    try {
      proxy.moveTo(new ProxyTable.ProxyAddress(apiUrl, token));
    } catch (IllegalArgumentException e) {
      throw HttpException.badRequest(e.getMessage());
    }
    return Reply.empty(200);
  }

  private static URI url(JsonNode v) {
    if (!v.isString()) throw HttpException.badRequest("api_url must be a string, got " + v);
    try {
      URI u = new URI(v.asString());
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return u;
    } catch (java.net.URISyntaxException e) {
      // reported below with the value
    }
    throw HttpException.badRequest("api_url must be an http or https URL with a host, got '" + v.asString() + "'");
  }

  /**
   * Checks a shutdown request: scope, then JupyterHub's optional {@code servers} and {@code proxy}
   * booleans over the configured defaults.
   */
  HubShutdown.Cleanup shutdownRequest(ApiRequest req) {
    req.requireUnfiltered("shutdown");
    ObjectNode flags = req.bodyObject();
    HubShutdown.Cleanup defaults = shutdown.defaults();
    return new HubShutdown.Cleanup(flag(flags, "servers", defaults.servers()), flag(flags, "proxy", defaults.proxy()));
  }

  private static boolean flag(ObjectNode body, String key, boolean fallback) {
    JsonNode v = body.get(key);
    if (v == null) return fallback;
    if (!v.isBoolean()) throw HttpException.badRequest(key + " must be true or false, got " + v);
    return v.booleanValue();
  }

  /** Answers 202 and, once the answer has left, starts the shutdown. */
  void answerThenShutDown(RoutingContext ctx, HubShutdown.Cleanup cleanup) {
    var context = ctx.vertx().getOrCreateContext();
    context.runOnContext(v -> ctx.response().setStatusCode(202)
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(Json.write(Map.of("message", "Shutting down Hub")))
        .onComplete(sent -> shutdown.begin(cleanup)));
  }
}
