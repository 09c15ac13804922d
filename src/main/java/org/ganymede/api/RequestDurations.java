package org.ganymede.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.ganymede.hub.HubMetrics;

/**
 * Times every request the hub answers into {@code jupyterhub_request_duration_seconds{method,
 * handler,code}}, as JupyterHub's {@code prometheus_log_method}. The {@code handler} label is the
 * name of the JupyterHub handler that serves the same route (e.g.
 * {@code jupyterhub.apihandlers.users.UserAPIHandler}, see {@link JupyterHubHandlerNames}), or for
 * a route JupyterHub lacks its pattern, never the request's path: a label value stands for an
 * endpoint and their number stays bounded. Only the hub's listener is timed: the proxy keeps its
 * own counters, off the hub.
 *
 * <p>Mount {@link #handle} first on the hub's root router and {@link #insideApi()} first on the API
 * router: a sub-router's routes are visible only from inside it.
 */
public final class RequestDurations implements Handler<RoutingContext> {
  static final String UNROUTED = "unrouted";
  private static final String API_ROUTE = RequestDurations.class.getName() + ".apiRoute";

  private final HubMetrics metrics;
  private final String apiPrefix;
  private final String hubPrefix;

  /**
   * @param apiPrefix where the API router is mounted ({@code base_url + "hub/api"}); its route
   *     patterns are relative to it
   */
  public RequestDurations(HubMetrics metrics, String apiPrefix) {
    this.metrics = metrics;
    this.apiPrefix = apiPrefix;
    this.hubPrefix = apiPrefix.substring(0, apiPrefix.length() - "/api".length());
  }

  @Override
  public void handle(RoutingContext ctx) {
    long begun = System.nanoTime();
    ctx.addEndHandler(done -> metrics.request(ctx.request().method().name(), handler(ctx),
        ctx.response().getStatusCode(), System.nanoTime() - begun));
    ctx.next();
  }

  /** Notes, for the end of the request, which API route answered it. */
  public Handler<RoutingContext> insideApi() {
    return ctx -> {
      Supplier<String> route = () -> pattern(ctx.currentRoute());
      ctx.put(API_ROUTE, route);
      ctx.next();
    };
  }

  private String handler(RoutingContext ctx) {
    Supplier<String> api = ctx.get(API_ROUTE);
    String pattern = api != null ? api.get() : pattern(ctx.currentRoute());
    if (pattern.equals(UNROUTED)) {
      return ctx.normalizedPath().startsWith(apiPrefix) ? JupyterHubHandlerNames.API_404
          : JupyterHubHandlerNames.PAGE_404;
    }
    String full = api != null ? apiPrefix + pattern : pattern;
    return full.startsWith(hubPrefix) ? JupyterHubHandlerNames.of(full.substring(hubPrefix.length())) : full;
  }

  private static String pattern(Route route) {
    return route == null || route.getPath() == null ? UNROUTED : route.getPath();
  }
}
