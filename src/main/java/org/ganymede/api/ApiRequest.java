package org.ganymede.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.ganymede.hub.Caller;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.rbac.Decision;
import org.ganymede.rbac.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One API request as handlers see it: the caller, path parameters, query and body. */
public final class ApiRequest {
  private final RoutingContext ctx;
  private final Caller caller;

  ApiRequest(RoutingContext ctx, Caller caller) {
    this.ctx = ctx;
    this.caller = caller;
  }

  public Caller caller() {
    return caller;
  }

  public String path(String name) {
    return ctx.pathParam(name);
  }

  /** A path parameter that some routes have and others not ({@code server}). */
  public String pathOrEmpty(String name) {
    String v = ctx.pathParam(name);
    return v == null ? "" : v;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(ctx.request().getParam(name));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(ctx.request().getHeader(name));
  }

  /** The body as sent; empty when there is none. */
  public String rawBody() {
    String body = ctx.body().asString();
    return body == null ? "" : body;
  }

  public JsonNode body() {
    return Json.parseBody(ctx.body().asString());
  }

  public ObjectNode bodyObject() {
    return Json.parseObject(ctx.body().asString());
  }

  /** The base of absolute URLs for this request, e.g. {@code http://hub.example.org:8000}. */
  public String origin() {
    var r = ctx.request();
    String host = r.getHeader("X-Forwarded-Host") != null ? r.getHeader("X-Forwarded-Host") : r.authority().toString();
    String proto = r.getHeader("X-Forwarded-Proto") != null ? r.getHeader("X-Forwarded-Proto") : r.scheme();
    return proto + "://" + host;
  }

  /** Requires any of {@code scopes} for {@code resource}; 403 or 404 (hiding existence) otherwise. */
  public Decision require(Resource resource, String... scopes) {
    return enforce(caller.access().check(resource, scopes));
  }

  /** Requires any of {@code scopes} in any form (list endpoints filter results afterwards). */
  public Decision requireList(String... scopes) {
    return enforce(caller.access().checkList(scopes));
  }

  /** Requires any of {@code scopes} unfiltered (creation endpoints without a name in the path). */
  public Decision requireUnfiltered(String... scopes) {
    return enforce(caller.access().checkUnfiltered(scopes));
  }

  private static Decision enforce(Decision d) {
    if (!d.allowed()) throw new HttpException(d.httpStatus(), d.message());
    return d;
  }
}
