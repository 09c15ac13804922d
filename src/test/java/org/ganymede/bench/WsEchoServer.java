package org.ganymede.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket echo backend for the proxy benchmark: every text or binary message is sent back as is.
 *
 * <p>Usage: {@code WsEchoServer serve --port N [--instances 2] [--max-seconds 3600]}. Binds
 * 127.0.0.1 only, prints {@code LISTENING <port>} once accepting, and exits by itself after
 * {@code --max-seconds} so that a harness that dies without cleaning up leaves nothing behind for long.
 * Plain HTTP requests get a short 200 so that a harness can probe readiness with curl.
 */
public final class WsEchoServer {

    private WsEchoServer() {}

    public static void main(String[] argv) throws Exception {
        var args = BenchArgs.parse(argv, List.of("port", "instances", "max-seconds"));
        if (!args.command().equals("serve")) {
            throw new IllegalArgumentException("unknown command '" + args.command() + "'; expected 'serve'");
        }
        int port = args.integer("port", 0);
        if (port <= 0) {
            throw new IllegalArgumentException("--port must be a free port chosen by the harness (instances share it), got " + port);
        }
        int instances = args.integer("instances", 2);
        long maxSeconds = args.integer("max-seconds", 3600);

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        var options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true);
        vertx.deployVerticle(() -> new EchoVerticle(options), new DeploymentOptions().setInstances(instances))
                .await(30, TimeUnit.SECONDS);
        System.out.println("LISTENING " + port);
        System.out.flush();
        vertx.setTimer(TimeUnit.SECONDS.toMillis(maxSeconds), id -> {
            System.err.println("WsEchoServer: --max-seconds " + maxSeconds + " reached, exiting");
            System.exit(0);
        });
    }

    /** One event loop's share of the echo server; Vert.x spreads connections over the instances. */
    private static final class EchoVerticle extends VerticleBase {
        private final HttpServerOptions options;

        EchoVerticle(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options)
                    .webSocketHandler(EchoVerticle::echo)
                    .requestHandler(request -> request.response().end("ws echo server\n"))
                    .listen();
        }

        private static void echo(ServerWebSocket ws) {
            ws.binaryMessageHandler(ws::writeBinaryMessage);
            ws.textMessageHandler(ws::writeTextMessage);
            ws.exceptionHandler(error -> ws.close());
        }
    }
}
