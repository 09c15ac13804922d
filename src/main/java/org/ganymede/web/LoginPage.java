package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.ganymede.auth.Credentials;
import org.ganymede.auth.LoginFlow;
import org.ganymede.auth.LoginResult;
import org.ganymede.hub.Logout;
import org.ganymede.hub.UserAuth;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.model.UserName;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /hub/login} and {@code /hub/logout}. */
final class LoginPage {
  private static final Logger log = LoggerFactory.getLogger(LoginPage.class);
  private final Templates templates;
  private final Sessions sessions;
  private final LoginFlow flow;
  private final LoginLimiter limiter;
  private final Logout logout;
  private final String baseUrl;
  private final Landing landing;
  private final ClientAddresses clients;
  private final UserAuth userAuth;
  private final Optional<OAuthPages> oauth;
  private final boolean autoLogin;

  LoginPage(Templates templates, Sessions sessions, LoginFlow flow, UserAuth userAuth, LoginLimiter limiter,
      Logout logout, String baseUrl, Landing landing, ClientAddresses clients, Optional<OAuthPages> oauth,
      boolean autoLogin) {
    this.userAuth = userAuth;
    this.oauth = oauth;
    this.autoLogin = autoLogin;
    this.templates = templates;
    this.sessions = sessions;
    this.flow = flow;
    this.limiter = limiter;
    this.logout = logout;
    this.baseUrl = baseUrl;
    this.landing = landing;
    this.clients = clients;
  }

  Reply show(RoutingContext ctx) {
    Optional<UserRecord> user = sessions.pageUser(ctx).flatMap(c -> c.user());
    if (user.isPresent()) return Reply.redirect(landing.next(ctx, user.get()));
    // auto_login: with an identity provider there is nothing to choose on this page.
    if (autoLogin && oauth.isPresent()) return Reply.redirect(oauth.get().loginUrl(ctx));
    return form(ctx, 200, "", "");
  }

  Reply submit(RoutingContext ctx) {
    String username = Optional.ofNullable(ctx.request().getFormAttribute("username")).orElse("");
    String password = Optional.ofNullable(ctx.request().getFormAttribute("password")).orElse("");
    if (!sessions.xsrfValid(ctx, Optional.empty())) {
      throw HttpException.forbidden("'_xsrf' argument missing or invalid; reload the login page and try again");
    }
    String client = clients.of(ctx);
    String throttleName = username.length() > 255 ? username.substring(0, 255) : username;
    OptionalInt wait = limiter.retryAfter(throttleName, client);
    if (wait.isPresent()) {
      return form(ctx, 429, "Too many failed login attempts; try again in " + wait.getAsInt() + " seconds.", username)
          .withHeader("Retry-After", Integer.toString(wait.getAsInt()));
    }
    LoginResult result;
    try (Credentials credentials = new Credentials(username, password.toCharArray(), client)) {
      result = flow.login(credentials);
    }
    return switch (result) {
      case LoginResult.Allowed ok -> {
        limiter.succeeded(throttleName, client);
        UserRecord user = userAuth.logIn(ok);
        sessions.ensureSession(ctx);
        sessions.logIn(ctx, user);
        log.info("user {} logged in from {}", user.name(), client);
        yield Reply.redirect(landing.next(ctx, user));
      }
      case LoginResult.Refused no -> {
        limiter.failed(throttleName, client);
        log.warn("failed login from {}: {}", client, no.logReason());
        yield form(ctx, 403, no.userMessage(), UserName.shorten(username));
      }
    };
  }

  /**
   * Ends the session the login cookie proves, then clears the cookies. Without a valid login
   * cookie nothing is revoked: a forged cross-site logout must not end someone's session tokens.
   */
  Reply logout(RoutingContext ctx) {
    sessions.pageUser(ctx).filter(c -> c.user().isPresent()).ifPresent(c -> logout.end(c.name(), c.sessionId()));
    sessions.logOut(ctx);
    return Reply.redirect(oauth.flatMap(OAuthPages::logoutRedirectUrl).orElse(baseUrl + "hub/login"));
  }

  private Reply form(RoutingContext ctx, int status, String message, String username) {
    Map<String, Object> values = new HashMap<>();
    values.put("message", message);
    values.put("username", username);
    values.put("next", Optional.ofNullable(ctx.request().getParam("next")).orElse(""));
    values.put("xsrf", sessions.xsrfToken(ctx, Optional.empty()));
    oauth.ifPresent(o -> {
      values.put("login_service", o.loginService());
      values.put("login_url", o.loginUrl(ctx));
    });
    return Reply.html(status, templates.render("login", values));
  }
}
