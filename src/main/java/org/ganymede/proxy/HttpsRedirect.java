package org.ganymede.proxy;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** The {@code --redirect-port} listener: every request gets a 301 to the same URL over https. */
final class HttpsRedirect implements Handler<HttpServerRequest> {
  private final int httpsPort;

  HttpsRedirect(int httpsPort) {
    this.httpsPort = httpsPort;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String host = request.authority() == null ? "localhost" : request.authority().host();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    request.response().setStatusCode(301).putHeader("location", "https://" + host + port + request.uri()).end();
  }
}
