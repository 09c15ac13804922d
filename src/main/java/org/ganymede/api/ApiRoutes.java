package org.ganymede.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.Map;
import org.ganymede.hub.AuthStates;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Groups;
import org.ganymede.hub.OAuthProvider;
import org.ganymede.hub.Permissions;
import org.ganymede.hub.ProxyTable;
import org.ganymede.hub.ServerActivity;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.ServerViews;
import org.ganymede.hub.Services;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.Users;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder;
import org.ganymede.http.Responder.Reply;

/**
 * The API's route table. Each row: method, path, and the handler; the scopes each needs are
 * checked first thing in the handler (and listed in JupyterHub's docs beside the same paths).
 */
public final class ApiRoutes {
  /** The JupyterHub version whose API Ganymede speaks; sent as {@code X-JupyterHub-Version}. */
  public static final String JUPYTERHUB_VERSION = "5.5.1";

  /** Settings the API needs from config; {@code publicUrl} is {@code JupyterHub.public_url}, empty when unset. */
  public record Settings(String apiPrefix, int pageDefaultLimit, int pageMaxLimit, long tokenMaxExpiresSeconds,
      HubInfo info, String publicUrl) {}

  @FunctionalInterface
  interface Handler {
    Reply handle(ApiRequest req) throws Exception;
  }

  private final Responder responder;
  private final CallerResolver callers;
  private final UsersApi users;
  private final GroupsApi groups;
  private final TokensApi tokens;
  private final HubApi hub;
  private final ServersApi servers;
  private final OAuthApi oauth;
  private final HubControlApi control;

  public ApiRoutes(Settings settings, Responder responder, CallerResolver callers, Directory dir, Users users,
      Groups groups, Tokens tokens, Permissions permissions, Services services, ServerLifecycle lifecycle,
      OAuthProvider oauthProvider, String baseUrl, ConsentPage consent, ProxyTable proxyTable, HubShutdown shutdown,
      ServerActivity activity, AuthStates authStates) {
    ServerViews servers = lifecycle.views();
    this.responder = responder;
    this.callers = callers;
    Models models = new Models(dir, permissions, servers, FullUrls.of(settings.publicUrl()));
    this.users = new UsersApi(dir, users, models, lifecycle, settings.pageDefaultLimit(), settings.pageMaxLimit(),
        settings.apiPrefix(), new UserMemberships(dir, groups, authStates.enabled()), activity, authStates);
    this.groups = new GroupsApi(dir, groups, models, settings.pageDefaultLimit(), settings.pageMaxLimit(),
        settings.apiPrefix());
    this.tokens = new TokensApi(users, tokens, permissions, settings.tokenMaxExpiresSeconds());
    this.hub = new HubApi(JUPYTERHUB_VERSION, settings.info().toMap(), services, models);
    this.servers = new ServersApi(users, lifecycle);
    this.oauth = new OAuthApi(oauthProvider, callers, baseUrl, consent);
    this.control = new HubControlApi(proxyTable, shutdown, settings.pageDefaultLimit(), settings.pageMaxLimit(),
        settings.apiPrefix());
  }

  /** Adds every endpoint to {@code router}, whose paths are relative to the API prefix. */
  public void mount(Router router) {
    open(router, HttpMethod.GET, "/", hub::version);
    open(router, HttpMethod.GET, "/health", req -> Reply.empty(200));
    route(router, HttpMethod.GET, "/info", hub::info);
    route(router, HttpMethod.GET, "/user", hub::self);

    route(router, HttpMethod.GET, "/users", users::list);
    route(router, HttpMethod.POST, "/users", users::createMany);
    route(router, HttpMethod.GET, "/users/:name", users::get);
    route(router, HttpMethod.POST, "/users/:name", users::createOne);
    route(router, HttpMethod.PATCH, "/users/:name", users::patch);
    route(router, HttpMethod.DELETE, "/users/:name", users::delete);
    route(router, HttpMethod.POST, "/users/:name/activity", users::activity);

    route(router, HttpMethod.POST, "/users/:name/server", servers::start);
    route(router, HttpMethod.DELETE, "/users/:name/server", servers::stop);
    route(router, HttpMethod.POST, "/users/:name/servers/:server", servers::start);
    route(router, HttpMethod.DELETE, "/users/:name/servers/:server", servers::stop);
    stream(router, "/users/:name/server/progress");
    stream(router, "/users/:name/servers/:server/progress");
    router.route(HttpMethod.GET, "/oauth2/authorize").handler(responder.blocking(oauth::authorize));
    router.route(HttpMethod.POST, "/oauth2/authorize").handler(responder.blocking(oauth::authorizeConfirmed));
    router.route(HttpMethod.POST, "/oauth2/token").handler(responder.blocking(oauth::token));

    route(router, HttpMethod.GET, "/users/:name/tokens", tokens::list);
    route(router, HttpMethod.POST, "/users/:name/tokens", tokens::create);
    route(router, HttpMethod.GET, "/users/:name/tokens/:id", tokens::get);
    route(router, HttpMethod.DELETE, "/users/:name/tokens/:id", tokens::delete);

    route(router, HttpMethod.GET, "/groups", groups::list);
    route(router, HttpMethod.POST, "/groups", groups::createMany);
    route(router, HttpMethod.GET, "/groups/:name", groups::get);
    route(router, HttpMethod.POST, "/groups/:name", groups::createOne);
    route(router, HttpMethod.DELETE, "/groups/:name", groups::delete);
    route(router, HttpMethod.POST, "/groups/:name/users", groups::addMembers);
    route(router, HttpMethod.DELETE, "/groups/:name/users", groups::removeMembers);
    route(router, HttpMethod.PUT, "/groups/:name/properties", groups::setProperties);

    route(router, HttpMethod.GET, "/proxy", control::routes);
    route(router, HttpMethod.POST, "/proxy", control::sync);
    route(router, HttpMethod.PATCH, "/proxy", control::move);
    router.route(HttpMethod.POST, "/shutdown").handler(responder.streaming(ctx -> {
      var caller = callers.resolve(ctx, true)
          .orElseThrow(() -> HttpException.forbidden("Missing or invalid credentials."));
      control.answerThenShutDown(ctx, control.shutdownRequest(new ApiRequest(ctx, caller)));
    }));

    route(router, HttpMethod.GET, "/services", hub::listServices);
    route(router, HttpMethod.GET, "/services/:name", hub::getService);

    router.route().handler(ctx -> ctx.fail(HttpException.notFound("Not found: " + ctx.normalizedPath())));
  }

  private void open(Router router, HttpMethod method, String path, Handler handler) {
    router.route(method, path).handler(responder.blocking(ctx ->
        handler.handle(new ApiRequest(ctx, callers.resolve(ctx, true).orElse(null)))));
  }

  private void route(Router router, HttpMethod method, String path, Handler handler) {
    router.route(method, path).handler(responder.blocking(ctx -> {
      var caller = callers.resolve(ctx, true)
          .orElseThrow(() -> HttpException.forbidden("Missing or invalid credentials."));
      return handler.handle(new ApiRequest(ctx, caller));
    }));
  }

  /** A server-sent-events endpoint: the handler writes the response itself. */
  private void stream(Router router, String path) {
    router.route(HttpMethod.GET, path).handler(responder.streaming(ctx -> {
      var caller = callers.resolve(ctx, true)
          .orElseThrow(() -> HttpException.forbidden("Missing or invalid credentials."));
      servers.progress(ctx, new ApiRequest(ctx, caller));
    }));
  }
}
