package org.ganymede.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: JSON {@code {"status", "message"}} under the API prefix,
 * a page elsewhere. 4xx messages are shown; 5xx details stay in the log.
 */
public final class ErrorRenderer {
  private static final Logger log = LoggerFactory.getLogger(ErrorRenderer.class);
  private final String apiPrefix;
  private final BiFunction<Integer, String, String> page;

  /** @param page renders an error page from status and message */
  public ErrorRenderer(String apiPrefix, BiFunction<Integer, String, String> page) {
    this.apiPrefix = apiPrefix;
    this.page = page;
  }

  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    java.util.Optional<Integer> retryAfter = java.util.Optional.empty();
    if (failure instanceof HttpException he) {
      status = he.status();
      message = he.getMessage();
      retryAfter = he.retryAfterSeconds();
    } else if (failure instanceof io.netty.handler.codec.DecoderException
        || failure instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException
        || failure instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooLongFormFieldException) {
      status = 400;
      message = "Malformed request body";
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = defaultMessage(status);
    } else {
      status = 500;
      message = "Internal server error";
      log.error("unexpected error handling {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
    }
    if (status == 413) message = "Request body is too large";
    if (status >= 500 && failure instanceof HttpException) log.warn("{} {}: {}", status, ctx.normalizedPath(), message);
    Responder.Reply reply = ctx.normalizedPath().startsWith(apiPrefix)
        ? Responder.Reply.json(status, Map.of("status", status, "message", message))
        : Responder.Reply.html(status, page.apply(status, message));
    if (retryAfter.isPresent()) reply = reply.withHeader("Retry-After", Integer.toString(retryAfter.get()));
    Responder.send(ctx, reply);
  }

  static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Request body is too large";
      default -> io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }
}
