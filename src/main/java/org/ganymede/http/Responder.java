package org.ganymede.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handlers on virtual threads and hands their results back to the event loop.
 *
 * <p>Hub handlers block (database writes, PAM, spawners), so each request runs on its own virtual
 * thread; every touch of the Vert.x request and response goes back through the request's context.
 */
public final class Responder {
  private static final Logger log = LoggerFactory.getLogger(Responder.class);
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("hub-", 0).factory());

  /** What a handler produces. */
  public record Reply(int status, String contentType, Buffer body, java.util.Map<String, String> headers) {
    public static Reply json(int status, Object value) {
      return json(status, Buffer.buffer(Json.writeBytes(value)));
    }

    /** A reply of JSON already written. */
    public static Reply json(int status, Buffer json) {
      return new Reply(status, "application/json; charset=UTF-8", json, java.util.Map.of());
    }

    public static Reply empty(int status) {
      return new Reply(status, "", Buffer.buffer(), java.util.Map.of());
    }

    public static Reply html(int status, String html) {
      return new Reply(status, "text/html; charset=UTF-8", Buffer.buffer(html), java.util.Map.of());
    }

    public static Reply redirect(String location) {
      return new Reply(302, "", Buffer.buffer(), java.util.Map.of("Location", location));
    }

    public Reply withHeader(String name, String value) {
      java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, contentType, body, h);
    }
  }

  /** A handler that may block. */
  @FunctionalInterface
  public interface BlockingHandler {
    Reply handle(RoutingContext ctx) throws Exception;
  }

  /** Wraps {@code handler} so it runs on a virtual thread; failures go to the router's failure handler. */
  public io.vertx.core.Handler<RoutingContext> blocking(BlockingHandler handler) {
    return onVirtualThread((ctx, context) -> {
      Reply reply = handler.handle(ctx);
      context.runOnContext(v -> send(ctx, reply));
    });
  }

  /** A handler that writes the response itself (streams), on a virtual thread. */
  @FunctionalInterface
  public interface StreamingHandler {
    void handle(RoutingContext ctx) throws Exception;
  }

  /** Wraps a streaming handler like {@link #blocking}; it owns the response. */
  public io.vertx.core.Handler<RoutingContext> streaming(StreamingHandler handler) {
    return onVirtualThread((ctx, context) -> handler.handle(ctx));
  }

  @FunctionalInterface
  private interface Work {
    void run(RoutingContext ctx, Context context) throws Exception;
  }

  private io.vertx.core.Handler<RoutingContext> onVirtualThread(Work work) {
    return ctx -> {
      Context context = io.vertx.core.Vertx.currentContext();
      threads.execute(() -> {
        try {
          work.run(ctx, context);
        } catch (Throwable t) {
          context.runOnContext(v -> ctx.fail(t));
        }
      });
    };
  }

  /** Writes a reply; used on the event loop. */
  public static void send(RoutingContext ctx, Reply reply) {
    var response = ctx.response();
    if (response.ended()) return;
    response.setStatusCode(reply.status());
    if (!reply.contentType().isEmpty()) response.putHeader("Content-Type", reply.contentType());
    reply.headers().forEach(response::putHeader);
    // Vert.x leaves it out when answering HEAD (no body is written); HEAD must show GET's length.
    if (reply.status() != 204 && reply.status() != 304) {
      response.putHeader("Content-Length", Integer.toString(reply.body().length()));
    }
    response.end(reply.body()).onFailure(e -> log.debug("response not sent: {}", e.getMessage()));
  }

  public void close() {
    threads.shutdownNow();
  }
}
