package org.ganymede.proxy;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.ganymede.security.pki.AcmeChallenges;

/**
 * The {@code --redirect-port} listener: every request gets a 301 to the same URL over https,
 * except ACME HTTP-01 challenges, answered from the challenge directory when one is configured.
 */
final class HttpsRedirect implements Handler<HttpServerRequest> {
  private final int httpsPort;
  private final Optional<Path> challenges;

  HttpsRedirect(int httpsPort, Optional<Path> challenges) {
    this.httpsPort = httpsPort;
    this.challenges = challenges;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    if (challenges.isPresent() && path.startsWith(AcmeChallenges.URL_PREFIX)) {
      String token = path.substring(AcmeChallenges.URL_PREFIX.length());
      if (!AcmeChallenges.isToken(token)) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.response().putHeader("content-type", "text/plain")
          .sendFile(challenges.get().resolve(token).toString())
          .onFailure(e -> {
            if (!request.response().headWritten()) request.response().setStatusCode(404).end();
          });
      return;
    }
    String host = request.authority() == null ? "localhost" : request.authority().host();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    request.response().setStatusCode(301).putHeader("location", "https://" + host + port + request.uri()).end();
  }
}
