package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ganymede.auth.LoginFlow;
import org.ganymede.auth.LoginResult;
import org.ganymede.auth.RedirectLogin;
import org.ganymede.http.Responder.Reply;
import org.ganymede.hub.UserAuth;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hub/oauth_login} and {@code /hub/oauth_callback} (oauthenticator's routes): the browser
 * leaves for the identity provider with a state bound to it by a cookie, and comes back with a
 * code. Every refusal is a page in plain words with a way back to the login page; no user row
 * exists until the hub's policy has allowed the identity.
 */
final class OAuthPages {
  private static final Logger log = LoggerFactory.getLogger(OAuthPages.class);
  private final RedirectLogin provider;
  private final Templates templates;
  private final Sessions sessions;
  private final LoginFlow flow;
  private final UserAuth userAuth;
  private final Landing landing;
  private final ClientAddresses clients;
  private final String baseUrl;

  OAuthPages(RedirectLogin provider, Templates templates, Sessions sessions, LoginFlow flow, UserAuth userAuth,
      Landing landing, ClientAddresses clients, String baseUrl) {
    this.provider = provider;
    this.templates = templates;
    this.sessions = sessions;
    this.flow = flow;
    this.userAuth = userAuth;
    this.landing = landing;
    this.clients = clients;
    this.baseUrl = baseUrl;
  }

  /** Where the login button points, carrying {@code next} along. */
  String loginUrl(RoutingContext ctx) {
    String next = ctx.request().getParam("next");
    return baseUrl + "hub/oauth_login" + (next == null || next.isEmpty() ? "" : "?next=" + WebRoutes.encode(next));
  }

  String loginService() {
    return provider.loginService();
  }

  /** {@code logout_redirect_url}, if set: where the browser goes once the hub session is over. */
  Optional<String> logoutRedirectUrl() {
    return provider.logoutRedirectUrl();
  }

  Reply start(RoutingContext ctx) {
    String next = NextUrl.safe(ctx.request().getParam("next"), baseUrl).orElse("");
    RedirectLogin.Start start;
    try {
      start = provider.start(callbackUrl(ctx), next);
    } catch (RedirectLogin.Unavailable e) {
      log.warn("cannot start a login at the identity provider: {}", e.getMessage());
      return failure(503, "The identity provider could not be reached; try again in a few minutes.");
    }
    sessions.setOAuthState(ctx, start.stateId());
    return Reply.redirect(start.providerUrl());
  }

  Reply callback(RoutingContext ctx) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : new String[] {"state", "code", "error", "error_description"}) {
      String value = ctx.request().getParam(name);
      if (value != null) query.put(name, value);
    }
    Optional<String> cookie = sessions.takeOAuthState(ctx);
    String client = clients.of(ctx);
    return switch (provider.finish(query, cookie)) {
      case RedirectLogin.Outcome.Failed no -> {
        log.warn("failed OAuth login from {}: {}", client, no.logReason());
        yield failure(no.status(), no.userMessage());
      }
      case RedirectLogin.Outcome.Proved proved -> switch (flow.decide(proved.identity().withAuthState(proved.authState()))) {
        case LoginResult.Refused no -> {
          log.warn("failed OAuth login from {}: {}", client, no.logReason());
          yield failure(403, "You signed in at the identity provider, but this hub does not let that account in. "
              + "Ask the hub's administrator for access.");
        }
        case LoginResult.Allowed ok -> {
          UserRecord user = userAuth.logIn(ok);
          sessions.ensureSession(ctx);
          sessions.logIn(ctx, user);
          log.info("user {} logged in through {} from {}", user.name(), provider.loginService(), client);
          yield Reply.redirect(landing.next(proved.next(), user));
        }
      };
    };
  }

  /** {@code {scheme}://{host}{base_url}hub/oauth_callback} as the browser sees the hub (oauthenticator's guess). */
  private String callbackUrl(RoutingContext ctx) {
    String scheme = Optional.ofNullable(ctx.request().getHeader("X-Forwarded-Proto")).orElse(ctx.request().scheme());
    String host = Optional.ofNullable(ctx.request().getHeader("X-Forwarded-Host"))
        .orElse(ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString());
    return scheme + "://" + host + baseUrl + "hub/oauth_callback";
  }

  private Reply failure(int status, String message) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("status_code", status);
    values.put("message", message);
    values.put("login_url", baseUrl + "hub/login");
    return Reply.html(status, templates.render("oauth_error", values));
  }
}
