package org.ganymede.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the proxy cannot forward, as configurable-http-proxy does: 404 when no route
 * matches, 503 when the target is down. With an error target the page is fetched from
 * {@code <target>/<code>?url=<escaped url>} and relayed with the original code; with an error
 * path it is {@code <dir>/<code>.html} or {@code <dir>/error.html}; otherwise the reason phrase.
 */
final class ErrorResponder {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

  private final Vertx vertx;
  private final HttpClient client;
  private final Optional<Target> errorTarget;
  private final Optional<Path> errorPath;
  private final StatusCounters counters;

  ErrorResponder(Vertx vertx, HttpClient client, ProxyOptions options, StatusCounters counters) {
    this.vertx = vertx;
    this.client = client;
    this.errorTarget = options.errorTarget().map(Target::parse);
    this.errorPath = options.errorPath();
    this.counters = counters;
  }

  /** Logs one line and answers {@code code}; {@code reason} is for the log only. */
  void send(HttpServerRequest request, int code, String reason) {
    counters.count(code);
    LOG.warn("{} {} {} {}", code, request.method(), request.path(), reason);
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      // Part of a response already went out; all we can do is cut the connection.
      request.connection().close();
      return;
    }
    request.resume();
    if (errorTarget.isPresent()) {
      fetchErrorPage(request, code, errorTarget.get());
    } else if (errorPath.isPresent()) {
      readErrorFile(request, code, errorPath.get());
    } else {
      plain(response, code);
    }
  }

  private void fetchErrorPage(HttpServerRequest request, int code, Target target) {
    String uri = target.join("/" + code, true)
        + "?url=" + URLEncoder.encode(request.uri(), StandardCharsets.UTF_8).replace("+", "%20");
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setServer(target.address())
        .setHost(target.host())
        .setSsl(target.ssl())
        .setURI(uri)
        .setTimeout(10_000);
    client.request(options)
        .compose(req -> req.send())
        .onComplete(ar -> {
          HttpServerResponse response = request.response();
          if (ar.failed()) {
            LOG.warn("error page {} from {} failed: {}", code, target.url(), ar.cause().toString());
            plain(response, code);
            return;
          }
          HttpClientResponse page = ar.result();
          response.setStatusCode(code);
          copyIfPresent(page, response, "content-type");
          copyIfPresent(page, response, "content-encoding");
          String length = page.getHeader("content-length");
          if (length != null) {
            response.putHeader("content-length", length);
          } else {
            response.setChunked(true);
          }
          page.pipeTo(response);
        });
  }

  private static void copyIfPresent(HttpClientResponse from, HttpServerResponse to, String name) {
    String value = from.getHeader(name);
    if (value != null) {
      to.putHeader(name, value);
    }
  }

  private void readErrorFile(HttpServerRequest request, int code, Path dir) {
    String specific = dir.resolve(code + ".html").toString();
    String generic = dir.resolve("error.html").toString();
    Future<Buffer> page = vertx.fileSystem().readFile(specific).recover(e -> vertx.fileSystem().readFile(generic));
    page.onComplete(ar -> {
      HttpServerResponse response = request.response();
      if (ar.failed()) {
        LOG.error("no error page {} or {}", specific, generic);
        plain(response, code);
        return;
      }
      response.setStatusCode(code).putHeader("content-type", "text/html").end(ar.result());
    });
  }

  static void plain(HttpServerResponse response, int code) {
    if (response.ended()) {
      return;
    }
    response.setStatusCode(code).end(HttpResponseStatus.valueOf(code).reasonPhrase());
  }
}
