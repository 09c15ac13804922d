package org.ganymede.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.ganymede.auth.LoginFlow;
import org.ganymede.hub.Caller;
import org.ganymede.hub.ServerViews;
import org.ganymede.hub.Users;
import org.ganymede.http.Responder;
import org.ganymede.http.Responder.Reply;

/** The page route table under {@code {base_url}hub/}. */
public final class WebRoutes {
  private final Responder responder;
  private final Sessions sessions;
  private final LoginPage login;
  private final HomePage home;
  private final String baseUrl;

  public WebRoutes(Responder responder, Templates templates, Sessions sessions, LoginFlow flow, Users users,
      LoginLimiter limiter, ServerViews servers, boolean spawnerEnabled, String baseUrl) {
    this.responder = responder;
    this.sessions = sessions;
    this.baseUrl = baseUrl;
    this.login = new LoginPage(templates, sessions, flow, users, limiter, baseUrl);
    this.home = new HomePage(templates, sessions, servers, spawnerEnabled);
  }

  /** Adds the pages to a router rooted at {@code /}. */
  public void mount(Router router) {
    String hub = baseUrl + "hub";
    router.route(HttpMethod.GET, hub).handler(ctx -> redirect(ctx, hub + "/"));
    router.route(HttpMethod.GET, hub + "/").handler(responder.blocking(ctx ->
        Reply.redirect(sessions.pageUser(ctx).isPresent() ? hub + "/home" : hub + "/login?next=" + encode(hub + "/"))));
    router.route(HttpMethod.GET, hub + "/health").handler(ctx -> ctx.response().end());
    router.route(HttpMethod.HEAD, hub + "/health").handler(ctx -> ctx.response().end());
    router.route(HttpMethod.GET, hub + "/login").handler(responder.blocking(login::show));
    router.route(HttpMethod.POST, hub + "/login").handler(responder.blocking(login::submit));
    router.route(HttpMethod.GET, hub + "/logout").handler(responder.blocking(login::logout));
    router.route(HttpMethod.GET, hub + "/home").handler(responder.blocking(ctx -> signedIn(ctx, home::show)));
    router.route(hub + "/static/*").handler(StaticHandler.create("static").setCachingEnabled(true));
  }

  @FunctionalInterface
  interface Page {
    Reply show(RoutingContext ctx, Caller caller) throws Exception;
  }

  /** Runs {@code page} for a signed-in user, or redirects to the login page with {@code next}. */
  Reply signedIn(RoutingContext ctx, Page page) throws Exception {
    var caller = sessions.pageUser(ctx);
    if (caller.isEmpty() || caller.get().user().isEmpty()) {
      return Reply.redirect(baseUrl + "hub/login?next=" + encode(ctx.request().uri()));
    }
    return page.show(ctx, caller.get());
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).end();
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
