package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Caller;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.SpawnProfiles;
import org.ganymede.hub.UserOptions;
import org.ganymede.hub.UserServer;
import org.ganymede.hub.Users;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.model.ServerName;
import org.ganymede.model.ServerState;
import org.ganymede.rbac.Resource;
import org.ganymede.store.UserRecord;

/**
 * Pages about servers: {@code /hub/spawn}, {@code /hub/spawn-pending}, {@code /hub/user/…} (the
 * "not running" page and redirects), and home's start/stop forms.
 */
final class ServerPages {
  private static final Duration SPAWN_WAIT = Duration.ofSeconds(1);
  private final Templates templates;
  private final Sessions sessions;
  private final ServerLifecycle lifecycle;
  private final Users users;
  private final String baseUrl;
  private final String optionsForm;

  ServerPages(Templates templates, Sessions sessions, ServerLifecycle lifecycle, Users users, String baseUrl,
      String optionsForm) {
    this.templates = templates;
    this.sessions = sessions;
    this.lifecycle = lifecycle;
    this.users = users;
    this.baseUrl = baseUrl;
    this.optionsForm = optionsForm;
  }

  /**
   * GET /hub/spawn[/user[/server]]: start with the query's options when it has any besides
   * {@code next} (JupyterHub's {@code options_from_query}); else the options form when one is
   * configured; else start with the options of the last start and go to the pending page.
   */
  Reply spawn(RoutingContext ctx, Caller caller) {
    Target t = target(ctx, caller, "servers");
    Optional<UserServer> s = lifecycle.server(t.user().name(), t.server());
    if (s.isPresent() && s.get().state() == ServerState.RUNNING) return Reply.redirect(next(ctx, s.get().prefix()));
    if (s.isPresent() && s.get().state().pending().isPresent()) return Reply.redirect(pendingUrl(ctx, t));
    List<Map.Entry<String, String>> query = ctx.queryParams().entries().stream()
        .filter(e -> !e.getKey().equals("next")).toList();
    if (!query.isEmpty()) return startOrShowForm(ctx, caller, t, profiles().fromForm(UserOptions.fromForm(query)));
    if (!optionsForm.isEmpty() || !profiles().isEmpty()) return form(ctx, caller, t, 200, "", Map.of(), Optional.empty());
    return startAndFollow(ctx, t, s.map(UserServer::userOptions).orElse(Map.of()));
  }

  /**
   * POST /hub/spawn[…]: the options form was submitted; its fields become the server's
   * {@code user_options}. A refusal (bad options, limits) shows the form again with the reason.
   */
  Reply spawnWithOptions(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    Target t = target(ctx, caller, "servers");
    return startOrShowForm(ctx, caller, t,
        profiles().fromForm(UserOptions.fromForm(ctx.request().formAttributes().entries())));
  }

  private Reply startOrShowForm(RoutingContext ctx, Caller caller, Target t, Map<String, Object> options) {
    try {
      return startAndFollow(ctx, t, options);
    } catch (SpawnProfiles.BadChoice e) {
      return form(ctx, caller, t, 400, "", options, Optional.of(e));
    } catch (HttpException e) {
      if (e.status() != 400 && e.status() != 429) throw e;
      return form(ctx, caller, t, e.status(), e.getMessage(), options, Optional.empty());
    }
  }

  private SpawnProfiles profiles() {
    return lifecycle.profiles();
  }

  /**
   * The options form; {@code options_form} is the admin's HTML, inserted as is (as JupyterHub
   * does); the profiles are rendered (escaped) with what was submitted picked again.
   *
   * @param badChoice a refused pick of a profile or choice, shown beside its field
   */
  private Reply form(RoutingContext ctx, Caller caller, Target t, int status, String error,
      Map<String, Object> submitted, Optional<SpawnProfiles.BadChoice> badChoice) {
    Map<String, Object> values = new HashMap<>();
    values.putAll(PageMenu.of(Optional.of(caller)));
    values.put("for_user", t.user().name().equals(caller.name()) ? "" : t.user().name());
    values.put("options_form", optionsForm);
    values.put("profiles", ProfileForm.rows(profiles(), submitted, badChoice));
    values.put("profile_error", badChoice.filter(b -> b.field().equals(SpawnProfiles.PROFILE_KEY))
        .map(HttpException::getMessage).orElse(""));
    values.put("error_message", error);
    values.put("action", ctx.request().uri());
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    return Reply.html(status, templates.render("spawn", values));
  }

  private Reply startAndFollow(RoutingContext ctx, Target t, Map<String, Object> options) {
    UserServer s = lifecycle.start(t.user(), t.server(), options);
    if (lifecycle.awaitStart(s, SPAWN_WAIT) == ServerState.RUNNING) return Reply.redirect(next(ctx, s.prefix()));
    // Keep where the user was going: the pending page sends them there once the server is ready.
    String next = ctx.request().getParam("next");
    return Reply.redirect(pendingUrl(ctx, t)
        + (NextUrl.safe(next, baseUrl).isPresent() ? "?next=" + WebRoutes.encode(next) : ""));
  }

  /** GET /hub/spawn-pending/user[/server]: progress page, or on to the server once it is ready. */
  Reply pending(RoutingContext ctx, Caller caller) {
    Target t = target(ctx, caller, "servers");
    Optional<UserServer> s = lifecycle.server(t.user().name(), t.server());
    if (s.isEmpty() || s.get().state().stopped()) return notRunning(ctx, caller, t, s);
    if (s.get().state() == ServerState.RUNNING) return Reply.redirect(next(ctx, s.get().prefix()));
    Map<String, Object> values = new HashMap<>();
    values.putAll(PageMenu.of(Optional.of(caller)));
    values.put("progress_url", baseUrl + "hub/api/users/" + t.user().name()
        + (t.server().isEmpty() ? "/server" : "/servers/" + t.server()) + "/progress?_xsrf="
        + sessions.xsrfToken(ctx, caller.user()));
    return Reply.html(200, templates.render("spawn_pending", values));
  }

  /** GET /hub/user/NAME/…: the proxy had no route for it. */
  Reply userUrl(RoutingContext ctx, Caller caller) {
    String rest = ctx.pathParam("*") == null ? "" : ctx.pathParam("*");
    String owner = ctx.pathParam("user");
    String server = "";
    if (!rest.isEmpty()) {
      String first = rest.split("/", 2)[0];
      if (lifecycle.server(owner, first).isPresent()) server = first;
    }
    if (!caller.access().allows("access:servers", Resource.server(owner, server))) {
      throw HttpException.notFound("No access to the server of " + owner);
    }
    UserRecord user = users.require(owner);
    Optional<UserServer> s = lifecycle.server(owner, server);
    String original = ctx.request().uri().substring((baseUrl + "hub").length());
    if (s.isPresent() && s.get().state() == ServerState.RUNNING) {
      int redirects = Optional.ofNullable(ctx.request().getParam("redirects")).map(Integer::parseInt).orElse(0);
      if (redirects >= 4) throw new HttpException(500, "Redirect loop detected while routing to " + original);
      String sep = original.contains("?") ? "&" : "?";
      return Reply.redirect(original.replaceAll("[?&]redirects=\\d+", "") + sep + "redirects=" + (redirects + 1));
    }
    Target t = new Target(user, server);
    if (s.isPresent() && s.get().state().pending().isPresent()) {
      return new Reply(303, "", io.vertx.core.buffer.Buffer.buffer(), Map.of("Location",
          pendingUrl(ctx, t) + "?next=" + WebRoutes.encode(ctx.request().uri())));
    }
    boolean api = rest.startsWith("api/") || rest.contains("/api/")
        || Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("").contains("application/json")
        || ctx.request().method() != io.vertx.core.http.HttpMethod.GET;
    String spawnUrl = spawnUrl(t) + "?next=" + WebRoutes.encode(ctx.request().uri());
    if (api) {
      return org.ganymede.http.Responder.Reply.json(424, Map.of("message", "JupyterHub server no longer running at "
          + original + "; Restart the server at " + spawnUrl));
    }
    return notRunning(ctx, caller, t, s);
  }

  /** POST /hub/home/start: on to the spawn page of the default server or of {@code server} (a new or stopped named one). */
  Reply homeStart(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    String server = serverField(ctx);
    if (!server.isEmpty() && !lifecycle.namedServers().allowed()) {
      throw HttpException.badRequest("Named servers are not enabled (JupyterHub.allow_named_servers = False)");
    }
    return Reply.redirect(baseUrl + "hub/spawn/" + caller.name() + (server.isEmpty() ? "" : "/" + server));
  }

  Reply homeStop(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    String server = serverField(ctx);
    if (lifecycle.server(caller.name(), server).isPresent()) lifecycle.stop(caller.name(), server, Duration.ofSeconds(10));
    return Reply.redirect(baseUrl + "hub/home");
  }

  /** POST /hub/home/delete: stops a named server and forgets it. */
  Reply homeDelete(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    String server = serverField(ctx);
    if (lifecycle.server(caller.name(), server).isPresent()) lifecycle.remove(caller.name(), server, Duration.ofSeconds(10));
    return Reply.redirect(baseUrl + "hub/home");
  }

  /** The form's {@code server} field, checked like a URL segment; empty for the default server. */
  private static String serverField(RoutingContext ctx) {
    String server = Optional.ofNullable(ctx.request().getFormAttribute("server")).orElse("").strip();
    try {
      return new ServerName(server).value();
    } catch (IllegalArgumentException e) {
      throw HttpException.badRequest("Invalid server name: " + e.getMessage());
    }
  }

  private Reply notRunning(RoutingContext ctx, Caller caller, Target t, Optional<UserServer> s) {
    Map<String, Object> values = new HashMap<>();
    values.putAll(PageMenu.of(Optional.of(caller)));
    values.put("owner", t.user().name());
    values.put("is_own", t.user().name().equals(caller.name()));
    values.put("server_name", t.server());
    values.put("failure", s.flatMap(UserServer::failure).orElse(""));
    values.put("spawn_url", spawnUrl(t) + "?next=" + WebRoutes.encode(ctx.request().uri()));
    return Reply.html(424, templates.render("not_running", values));
  }

  private record Target(UserRecord user, String server) {}

  private Target target(RoutingContext ctx, Caller caller, String scope) {
    String owner = Optional.ofNullable(ctx.pathParam("user")).orElse(caller.name());
    String server = Optional.ofNullable(ctx.pathParam("server")).orElse("");
    if (!caller.access().allows(scope, Resource.server(owner, server))) {
      throw HttpException.forbidden("You do not have permission to start or view the server of " + owner);
    }
    return new Target(users.require(owner), server);
  }

  private String spawnUrl(Target t) {
    return baseUrl + "hub/spawn/" + t.user().name() + (t.server().isEmpty() ? "" : "/" + t.server());
  }

  private String pendingUrl(RoutingContext ctx, Target t) {
    return baseUrl + "hub/spawn-pending/" + t.user().name() + (t.server().isEmpty() ? "" : "/" + t.server());
  }

  private String next(RoutingContext ctx, String fallback) {
    return NextUrl.safe(ctx.request().getParam("next"), baseUrl).orElse(fallback);
  }
}
