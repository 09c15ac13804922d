package org.ganymede.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP + WebSocket backend on loopback for proxy tests. By query parameter:
 * (none) answers JSON {method, uri, headers}; {@code upload} counts the request body and answers
 * the count; {@code download=N} streams N bytes; {@code status=N} answers that status;
 * {@code echo} streams the body back. WebSockets echo every message with its type.
 */
final class EchoBackend implements AutoCloseable {
  private final HttpServer server;
  static final java.util.concurrent.atomic.AtomicInteger REQUESTS = new java.util.concurrent.atomic.AtomicInteger();

  private EchoBackend(HttpServer server) {
    this.server = server;
  }

  static EchoBackend start(Vertx vertx) {
    return start(vertx, new HttpServerOptions().setMaxWebSocketMessageSize(8 << 20));
  }

  static EchoBackend start(Vertx vertx, HttpServerOptions options) {
    HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
        .webSocketHandler(ws -> {
          ws.textMessageHandler(ws::writeTextMessage);
          ws.binaryMessageHandler(ws::writeBinaryMessage);
        })
        .requestHandler(EchoBackend::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new EchoBackend(server);
  }

  int port() {
    return server.actualPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  private static void handle(HttpServerRequest request) {
    REQUESTS.incrementAndGet();
    if (request.getParam("upload") != null) {
      long[] count = {0};
      request.handler(b -> count[0] += b.length());
      request.endHandler(v -> request.response().end(Long.toString(count[0])));
    } else if (request.getParam("download") != null) {
      long size = Long.parseLong(request.getParam("download"));
      request.response().putHeader("content-length", Long.toString(size));
      new Generator(size).pipeTo(request.response());
    } else if (request.getParam("delay") != null) {
      Vertx.currentContext().owner().setTimer(Long.parseLong(request.getParam("delay")), id -> request.response().end("late"));
    } else if (request.getParam("status") != null) {
      request.response().setStatusCode(Integer.parseInt(request.getParam("status"))).end("status");
    } else if (request.getParam("echo") != null) {
      request.response().setChunked(true);
      request.pipeTo(request.response());
    } else {
      request.body().onSuccess(body -> {
        JsonObject headers = new JsonObject();
        for (Map.Entry<String, String> h : request.headers()) {
          String key = h.getKey().toLowerCase(java.util.Locale.ROOT);
          headers.put(key, headers.containsKey(key) ? headers.getString(key) + "|" + h.getValue() : h.getValue());
        }
        JsonObject answer = new JsonObject()
            .put("method", request.method().name())
            .put("uri", request.uri())
            .put("headers", headers)
            .put("body", body.toString());
        request.response().putHeader("content-type", "application/json")
            .putHeader("x-backend", "echo").end(answer.encode());
      });
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** A read stream of {@code size} bytes in 64 KiB chunks that honours pause/resume. */
  static final class Generator implements ReadStream<Buffer> {
    private static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);
    private long remaining;
    private long demand = Long.MAX_VALUE;
    private io.vertx.core.Handler<Buffer> handler;
    private io.vertx.core.Handler<Void> endHandler;
    private boolean emitting;

    Generator(long size) {
      this.remaining = size;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(io.vertx.core.Handler<Buffer> h) {
      handler = h;
      Vertx.currentContext().runOnContext(v -> emit());
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      demand = 0;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      demand = Math.max(0, demand) + amount < 0 ? Long.MAX_VALUE : demand + amount;
      Vertx.currentContext().runOnContext(v -> emit());
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(io.vertx.core.Handler<Void> h) {
      endHandler = h;
      return this;
    }

    private void emit() {
      if (emitting || handler == null) {
        return;
      }
      emitting = true;
      while (demand > 0 && remaining > 0) {
        int n = (int) Math.min(CHUNK.length(), remaining);
        remaining -= n;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(n == CHUNK.length() ? CHUNK.copy() : CHUNK.slice(0, n).copy());
      }
      emitting = false;
      if (remaining == 0 && endHandler != null) {
        io.vertx.core.Handler<Void> end = endHandler;
        endHandler = null;
        end.handle(null);
      }
    }
  }
}
