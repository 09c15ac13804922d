package org.ganymede.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.ganymede.auth.LoginFlow;
import org.ganymede.auth.RedirectLogin;
import org.ganymede.hub.Caller;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Logout;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.UserAuth;
import org.ganymede.hub.Users;
import org.ganymede.http.ErrorRenderer;
import org.ganymede.http.Responder;
import org.ganymede.http.Responder.Reply;

/** The page route table under {@code {base_url}hub/}. */
public final class WebRoutes {
  private final Responder responder;
  private final Sessions sessions;
  private final LoginPage login;
  private final HomePage home;
  private final ServerPages servers;
  private final TokenPage tokens;
  private final Templates templates;
  private final String baseUrl;
  private final Landing landing;
  private final Logo logo;
  private final Optional<OAuthPages> oauth;
  private final AdminPage admin;

  public WebRoutes(Responder responder, Templates templates, Sessions sessions, LoginFlow flow, Users users,
      LoginLimiter limiter, ServerLifecycle lifecycle, Tokens tokens, Logout logout, String optionsForm,
      String baseUrl, PageOptions pages, UserAuth userAuth, Optional<RedirectLogin> redirectLogin,
      boolean autoLogin) {
    this.responder = responder;
    this.templates = templates;
    this.sessions = sessions;
    this.baseUrl = baseUrl;
    this.landing = new Landing(baseUrl, pages, lifecycle);
    this.logo = pages.logo();
    this.oauth = redirectLogin.map(r -> new OAuthPages(r, templates, sessions, flow, userAuth, landing, pages.clients(),
        baseUrl));
    this.login = new LoginPage(templates, sessions, flow, userAuth, limiter, logout, baseUrl, landing, pages.clients(),
        oauth, autoLogin);
    this.home = new HomePage(templates, sessions, lifecycle);
    this.servers = new ServerPages(templates, sessions, lifecycle, users, baseUrl, optionsForm);
    this.tokens = new TokenPage(templates, sessions, tokens, baseUrl);
    this.admin = new AdminPage(templates, sessions, baseUrl);
  }

  /** Adds the pages to a router rooted at {@code /}. */
  public void mount(Router router) {
    String hub = baseUrl + "hub";
    router.route().method(HttpMethod.HEAD).handler(ctx -> headAsGet(ctx, hub));
    // Exactly "{base}hub": Vert.x would also match "{base}hub/" with a plain path.
    router.routeWithRegex(HttpMethod.GET, "^" + java.util.regex.Pattern.quote(hub) + "$")
        .handler(ctx -> redirect(ctx, hub + "/"));
    router.route(HttpMethod.GET, hub + "/").handler(responder.blocking(ctx ->
        landing.root(ctx, sessions.pageUser(ctx).flatMap(Caller::user))));
    router.route(HttpMethod.GET, hub + "/logo").handler(responder.blocking(ctx -> logo.reply()));
    router.route(HttpMethod.GET, hub + "/health").handler(ctx -> ctx.response().end());
    router.route(HttpMethod.HEAD, hub + "/health").handler(ctx -> ctx.response().end());
    router.route(HttpMethod.GET, hub + "/login").handler(responder.blocking(login::show));
    router.route(HttpMethod.POST, hub + "/login").handler(responder.blocking(login::submit));
    router.route(HttpMethod.GET, hub + "/logout").handler(responder.blocking(login::logout));
    oauth.ifPresent(o -> {
      router.route(HttpMethod.GET, hub + "/oauth_login").handler(responder.blocking(o::start));
      router.route(HttpMethod.GET, hub + "/oauth_callback").handler(responder.blocking(o::callback));
    });
    router.route(HttpMethod.GET, hub + "/home").handler(responder.blocking(ctx -> signedIn(ctx, home::show)));
    router.route(HttpMethod.POST, hub + "/home/start").handler(responder.blocking(ctx -> signedIn(ctx, servers::homeStart)));
    router.route(HttpMethod.POST, hub + "/home/stop").handler(responder.blocking(ctx -> signedIn(ctx, servers::homeStop)));
    router.route(HttpMethod.POST, hub + "/home/delete").handler(responder.blocking(ctx -> signedIn(ctx, servers::homeDelete)));
    for (String spawn : new String[] {"/spawn", "/spawn/:user", "/spawn/:user/:server"}) {
      router.route(HttpMethod.GET, hub + spawn).handler(responder.blocking(ctx -> signedIn(ctx, servers::spawn)));
      router.route(HttpMethod.POST, hub + spawn)
          .handler(responder.blocking(ctx -> signedIn(ctx, servers::spawnWithOptions)));
    }
    router.route(HttpMethod.GET, hub + "/spawn-pending/:user").handler(responder.blocking(ctx -> signedIn(ctx, servers::pending)));
    router.route(HttpMethod.GET, hub + "/spawn-pending/:user/:server")
        .handler(responder.blocking(ctx -> signedIn(ctx, servers::pending)));
    router.route(hub + "/user/:user/*").handler(responder.blocking(ctx -> signedIn(ctx, servers::userUrl)));
    router.route(hub + "/user/:user").handler(ctx -> redirect(ctx, ctx.request().path() + "/"));
    router.route(HttpMethod.GET, hub + "/user-redirect/*")
        .handler(responder.blocking(ctx -> signedIn(ctx, landing::userRedirect)));
    router.route(HttpMethod.GET, hub + "/error/:code").handler(ctx -> {
      int code = parseStatus(ctx.pathParam("code"));
      String message = code == 503 ? "The server you asked for is not answering; restart it from the hub home page."
          : code == 404 ? "Nothing is served at " + Optional.ofNullable(ctx.request().getParam("url")).orElse("this URL")
          : "";
      Responder.send(ctx, Reply.html(code, templates.error(code, message, PageMenu.of(sessions.pageUser(ctx)))));
    });
    router.route(HttpMethod.GET, hub + "/admin").handler(responder.blocking(ctx -> signedIn(ctx, admin::show)));
    router.route(HttpMethod.GET, hub + "/token").handler(responder.blocking(ctx -> signedIn(ctx, tokens::show)));
    router.route(HttpMethod.POST, hub + "/token").handler(responder.blocking(ctx -> signedIn(ctx, tokens::create)));
    router.route(HttpMethod.POST, hub + "/token/:id/revoke")
        .handler(responder.blocking(ctx -> signedIn(ctx, tokens::revoke)));
    // Anything outside the hub prefix reaches the hub only when the proxy has no route for it (a
    // stopped server, the site root): JupyterHub's PrefixRedirectHandler sends it under /hub/.
    router.route().handler(ctx -> {
      String path = ctx.request().path();
      if (path.startsWith(hub + "/") || path.equals(hub) || !path.startsWith(baseUrl)) {
        ctx.next();
        return;
      }
      redirect(ctx, hub + "/" + ctx.request().uri().substring(baseUrl.length()));
    });
    router.route(hub + "/static/*").handler(StaticHandler.create("static").setCachingEnabled(true));
    // Error pages keep the menu with the signed-in name; the API's errors go on to the JSON renderer.
    router.route().failureHandler(ctx -> {
      if (ctx.normalizedPath().startsWith(hub + "/api")) {
        ctx.next();
        return;
      }
      Map<String, Object> menu = PageMenu.of(sessions.pageUser(ctx));
      new ErrorRenderer(hub + "/api", (status, message) -> templates.error(status, message, menu)).handle(ctx);
    });
  }

  /**
   * HEAD is answered as GET without the body (the server drops it and keeps the headers), except
   * where GET acts: {@code /hub/spawn} starts a server and {@code /hub/logout} logs out, so HEAD
   * there is 405 as in JupyterHub. The API has its own routes.
   */
  private void headAsGet(RoutingContext ctx, String hub) {
    String path = ctx.normalizedPath();
    if (!path.startsWith(baseUrl) || path.startsWith(hub + "/api/") || path.equals(hub + "/api")) {
      ctx.next();
      return;
    }
    if (path.startsWith(hub + "/spawn/") || path.equals(hub + "/spawn") || path.equals(hub + "/logout")) {
      ctx.response().putHeader("Allow", path.endsWith("/logout") ? "GET" : "GET, POST");
      ctx.fail(new org.ganymede.http.HttpException(405, "Method not allowed"));
      return;
    }
    ctx.reroute(HttpMethod.GET, ctx.request().uri());
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

  private static int parseStatus(String s) {
    try {
      int code = Integer.parseInt(s);
      return code >= 400 && code < 600 ? code : 500;
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).end();
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
