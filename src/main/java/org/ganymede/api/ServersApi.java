package org.ganymede.api;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.SpawnEvent;
import org.ganymede.hub.UserServer;
import org.ganymede.hub.Users;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;
import org.ganymede.model.ServerState;
import org.ganymede.rbac.Resource;
import org.ganymede.store.UserRecord;
import tools.jackson.databind.JsonNode;

/** {@code /users/{name}/server}, {@code /users/{name}/servers/{server}} and their progress streams. */
final class ServersApi {
  /** How long a start request waits before answering 202 (JupyterHub's {@code slow_spawn_timeout}). */
  private static final Duration SLOW_SPAWN = Duration.ofSeconds(10);
  private static final Duration SLOW_STOP = Duration.ofSeconds(10);
  /** JupyterHub's keepalive: an empty line pair at once and every 8 s, so proxies keep the stream open. */
  private static final String KEEPALIVE = "\n\n";
  private final Users users;
  private final ServerLifecycle lifecycle;

  ServersApi(Users users, ServerLifecycle lifecycle) {
    this.users = users;
    this.lifecycle = lifecycle;
  }

  Reply start(ApiRequest req) {
    String user = req.path("name");
    String server = serverName(req);
    req.require(Resource.server(user, server), "servers");
    UserRecord u = users.require(user);
    UserServer s = lifecycle.start(u, server, options(req, user, server));
    ServerState state = lifecycle.awaitStart(s, SLOW_SPAWN);
    if (state == ServerState.RUNNING) return Reply.empty(201);
    if (state == ServerState.FAILED) {
      throw new HttpException(500, s.failure().orElse("Spawn failed"));
    }
    return Reply.empty(202);
  }

  Reply stop(ApiRequest req) {
    String user = req.path("name");
    String server = serverName(req);
    req.require(Resource.server(user, server), "delete:servers");
    users.require(user);
    if (lifecycle.server(user, server).isEmpty()) {
      if (server.isEmpty()) return Reply.empty(204);
      throw HttpException.notFound("No such server: " + user + "/" + server);
    }
    var remove = req.bodyObject().get("remove");
    if (remove != null && !remove.isBoolean()) {
      throw HttpException.badRequest("'remove' must be true or false, got " + remove);
    }
    boolean stopped = remove != null && remove.asBoolean()
        ? lifecycle.remove(user, server, SLOW_STOP)
        : lifecycle.stop(user, server, SLOW_STOP);
    return Reply.empty(stopped ? 204 : 202);
  }

  /**
   * Server-sent events in JupyterHub's format; ends after the ready or failed event. A server that
   * is running or has failed gets that end alone, as JupyterHub sends it, without the steps that
   * led there; a pending one gets the steps so far, then each new one.
   */
  void progress(RoutingContext ctx, ApiRequest req) {
    String user = req.path("name");
    String server = serverName(req);
    req.require(Resource.server(user, server), "read:servers");
    users.require(user);
    UserServer s = lifecycle.server(user, server)
        .orElseThrow(() -> HttpException.badRequest("Server " + user + "/" + server + " is not running"));
    if (s.state() == ServerState.STOPPED) {
      throw HttpException.badRequest("Server " + user + "/" + server + " is not running");
    }
    Context context = ctx.vertx().getOrCreateContext();
    var response = ctx.response();
    context.runOnContext(v -> {
      response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
      response.write(KEEPALIVE);
    });
    Optional<SpawnEvent> over = switch (s.state()) {
      case RUNNING -> Optional.of(new SpawnEvent.Ready(s.prefix()));
      case FAILED -> Optional.of(new SpawnEvent.Failed(s.failure().orElse("Spawn failed")));
      default -> Optional.empty();
    };
    if (over.isPresent()) {
      endWith(context, response, over.get());
      return;
    }
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Runnable cancel = s.subscribe(event -> context.runOnContext(v -> {
      if (response.ended() || response.closed()) return;
      response.write(ProgressEvents.sse(event));
      if (event.ends()) {
        response.end();
        done.countDown();
      }
    }));
    // A server re-adopted after a restart becomes ready without events.
    if (s.state() == ServerState.RUNNING && done.getCount() > 0) {
      endWith(context, response, new SpawnEvent.Ready(s.prefix()));
      done.countDown();
    }
    ctx.request().connection().closeHandler(v -> done.countDown());
    try {
      while (!done.await(8, java.util.concurrent.TimeUnit.SECONDS)) {
        context.runOnContext(v -> {
          if (!response.ended() && !response.closed()) response.write(KEEPALIVE);
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cancel.run();
    }
  }

  private static void endWith(Context context, HttpServerResponse response, SpawnEvent last) {
    String text = ProgressEvents.sse(last);
    context.runOnContext(v -> {
      if (!response.ended()) response.end(text);
    });
  }

  /**
   * The body is the server's {@code user_options}; without a body the last start's options are
   * used again, as JupyterHub does.
   */
  private Map<String, Object> options(ApiRequest req, String user, String server) {
    if (req.bodyText().isBlank()) {
      return lifecycle.server(user, server).map(UserServer::userOptions).orElse(Map.of());
    }
    JsonNode body = req.body();
    if (!body.isObject()) {
      throw HttpException.badRequest("The request body must be a JSON object of user_options, got "
          + body.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return Json.toMap(body);
  }

  private static String serverName(ApiRequest req) {
    return req.pathOrEmpty("server");
  }

}
