package org.ganymede.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Caller;
import org.ganymede.hub.HubMetrics;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder;
import org.ganymede.http.Responder.Reply;

/**
 * {@code GET /hub/metrics} and {@code GET /hub/api/metrics}: the hub's Prometheus metrics. With
 * {@code JupyterHub.authenticate_prometheus} (the default) the caller needs the {@code read:metrics}
 * scope, by token or login cookie, as JupyterHub's {@code metrics_authentication}; without it they
 * are open, for a Prometheus that scrapes without credentials.
 */
public final class MetricsEndpoint {
  static final String SCOPE = "read:metrics";

  private final HubMetrics metrics;
  private final CallerResolver callers;
  private final Responder responder;
  private final boolean authenticate;

  public MetricsEndpoint(HubMetrics metrics, CallerResolver callers, Responder responder, boolean authenticate) {
    this.metrics = metrics;
    this.callers = callers;
    this.responder = responder;
    this.authenticate = authenticate;
  }

  /** Serves the page path on {@code root} ({@code base_url + "hub/metrics"}). */
  public void mountPage(Router root, String baseUrl) {
    root.get(baseUrl + "hub/metrics").handler(responder.blocking(ctx -> serve(ctx, false)));
  }

  /** Serves {@code /metrics} on the API router, whose paths are relative to the API prefix. */
  public void mountApi(Router api) {
    api.get("/metrics").handler(responder.blocking(ctx -> serve(ctx, true)));
  }

  private Reply serve(RoutingContext ctx, boolean api) {
    if (authenticate) {
      Optional<Caller> caller = callers.resolve(ctx, api);
      if (caller.isEmpty() || !caller.get().scopes().hasUnfiltered(SCOPE)) {
        throw HttpException.forbidden("Access to metrics requires scope '" + SCOPE + "'");
      }
    }
    return new Reply(200, metrics.contentType(), Buffer.buffer(metrics.scrape()), Map.of());
  }
}
