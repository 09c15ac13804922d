package org.ganymede.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket load client for the proxy benchmark.
 *
 * <ul>
 *   <li>{@code echo --url ws://127.0.0.1:P/path --connections 50 --seconds 10 [--warmup 2] [--size 64]}:
 *       every connection sends one binary message, waits for its echo, sends the next; prints
 *       {@code RESULT msgs_per_s=… connections=… errors=…} for the measured window (after warm-up).
 *   <li>{@code idle --url … --connections 2000 [--hold-seconds 300] [--parallel 100]}: opens the
 *       connections (at most {@code --parallel} handshakes in flight), prints
 *       {@code READY open=… failed=…}, then holds them silently until killed or the hold time ends.
 * </ul>
 * Output lines are {@code key=value} so that shell scripts can pick fields out with sed.
 */
public final class WsLoad {

    private WsLoad() {}

    public static void main(String[] argv) throws Exception {
        var args = BenchArgs.parse(argv, List.of("url", "connections", "seconds", "warmup", "size", "hold-seconds", "parallel"));
        var target = WebSocketTarget.parse(args.required("url"));
        int connections = args.integer("connections", 50);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(connections + 16)
                .setConnectTimeout(10_000)
                .setIdleTimeout(0));
        int exitCode = switch (args.command()) {
            case "echo" -> echo(client, target, connections, args);
            case "idle" -> idle(client, target, connections, args);
            default -> throw new IllegalArgumentException("unknown command '" + args.command() + "'; expected echo or idle");
        };
        client.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        System.exit(exitCode);
    }

    private static int echo(WebSocketClient client, WebSocketTarget target, int connections, BenchArgs args) throws Exception {
        double seconds = args.decimal("seconds", 10);
        double warmup = args.decimal("warmup", 2);
        Buffer payload = Buffer.buffer(new byte[args.integer("size", 64)]);
        var received = new LongAdder();
        var errors = new LongAdder();
        var running = new AtomicBoolean(true);
        var sockets = new ConcurrentLinkedQueue<WebSocket>();
        var opened = new ArrayList<Future<WebSocket>>();
        for (int i = 0; i < connections; i++) {
            opened.add(client.connect(target.connectOptions()).onSuccess(ws -> {
                sockets.add(ws);
                ws.binaryMessageHandler(echoed -> {
                    received.increment();
                    if (running.get()) {
                        ws.writeBinaryMessage(payload);
                    }
                });
                ws.exceptionHandler(error -> errors.increment());
                ws.closeHandler(closed -> {
                    if (running.get()) {
                        errors.increment();
                    }
                });
                ws.writeBinaryMessage(payload);
            }).onFailure(error -> {
                errors.increment();
                System.err.println("WsLoad: connect failed: " + error);
            }));
        }
        Future.join(opened).await(30, TimeUnit.SECONDS);
        Thread.sleep((long) (warmup * 1000));
        long startCount = received.sum();
        long startNanos = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long count = received.sum() - startCount;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        running.set(false);
        for (WebSocket ws : sockets) {
            ws.close();
        }
        System.out.printf(Locale.ROOT, "RESULT msgs_per_s=%.1f connections=%d open=%d errors=%d seconds=%.2f%n",
                count / elapsed, connections, sockets.size(), errors.sum(), elapsed);
        return sockets.size() == connections ? 0 : 1;
    }

    private static int idle(WebSocketClient client, WebSocketTarget target, int connections, BenchArgs args) throws Exception {
        int parallel = args.integer("parallel", 100);
        long holdMillis = TimeUnit.SECONDS.toMillis(args.integer("hold-seconds", 300));
        var open = new ArrayList<WebSocket>(connections);
        int failed = 0;
        // Waves of bounded size: a proxy that queues handshakes should not see 2,000 at once.
        for (int first = 0; first < connections; first += parallel) {
            var wave = new ArrayList<Future<WebSocket>>();
            for (int i = first; i < Math.min(connections, first + parallel); i++) {
                wave.add(client.connect(target.connectOptions()));
            }
            Future.join(wave).await(60, TimeUnit.SECONDS);
            for (Future<WebSocket> attempt : wave) {
                if (attempt.succeeded()) {
                    open.add(attempt.result());
                } else {
                    failed++;
                    if (failed <= 3) {
                        System.err.println("WsLoad: connect failed: " + attempt.cause());
                    }
                }
            }
        }
        System.out.println("READY open=" + open.size() + " failed=" + failed);
        System.out.flush();
        Thread.sleep(holdMillis);
        return failed == 0 ? 0 : 1;
    }

    /** Where to connect, split from a {@code ws://host:port/path} URL. */
    record WebSocketTarget(String host, int port, String path) {
        static WebSocketTarget parse(String url) {
            var uri = java.net.URI.create(url);
            if (!"ws".equals(uri.getScheme()) || uri.getPort() <= 0) {
                throw new IllegalArgumentException("--url must look like ws://127.0.0.1:PORT/path, got '" + url + "'");
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new WebSocketTarget(uri.getHost(), uri.getPort(), path);
        }

        WebSocketConnectOptions connectOptions() {
            return new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path);
        }
    }
}
