package org.ganymede.proxy;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/** Prometheus text exposition on {@code /metrics}: responses by status, WebSockets, routes. */
final class MetricsHandler implements Handler<HttpServerRequest> {
  private final List<StatusCounters> proxyCounters;
  private final StatusCounters apiCounters;
  private final RouteTable routes;

  MetricsHandler(List<StatusCounters> proxyCounters, StatusCounters apiCounters, RouteTable routes) {
    this.proxyCounters = proxyCounters;
    this.apiCounters = apiCounters;
    this.routes = routes;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (!"/metrics".equals(request.path())) {
      request.response().setStatusCode(404).end("Not Found");
      return;
    }
    request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(render());
  }

  String render() {
    StringBuilder out = new StringBuilder(2048);
    out.append("# HELP ganymede_proxy_requests_total Responses sent by the public listener, by status code.\n");
    out.append("# TYPE ganymede_proxy_requests_total counter\n");
    long webSockets = 0;
    for (int status = 100; status < 600; status++) {
      long sum = 0;
      for (StatusCounters counters : proxyCounters) {
        sum += counters.get(status);
      }
      if (sum > 0) {
        out.append("ganymede_proxy_requests_total{code=\"").append(status).append("\"} ").append(sum).append('\n');
      }
    }
    for (StatusCounters counters : proxyCounters) {
      webSockets += counters.webSockets;
    }
    out.append("# HELP ganymede_proxy_websockets_total WebSocket tunnels opened.\n");
    out.append("# TYPE ganymede_proxy_websockets_total counter\n");
    out.append("ganymede_proxy_websockets_total ").append(webSockets).append('\n');
    out.append("# HELP ganymede_proxy_api_requests_total REST API responses, by status code.\n");
    out.append("# TYPE ganymede_proxy_api_requests_total counter\n");
    for (int status = 100; status < 600; status++) {
      long count = apiCounters.get(status);
      if (count > 0) {
        out.append("ganymede_proxy_api_requests_total{code=\"").append(status).append("\"} ").append(count).append('\n');
      }
    }
    out.append("# HELP ganymede_proxy_routes Routes in the table.\n");
    out.append("# TYPE ganymede_proxy_routes gauge\n");
    out.append("ganymede_proxy_routes ").append(routes.size()).append('\n');
    return out.toString();
  }
}
