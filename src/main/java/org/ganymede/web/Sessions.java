package org.ganymede.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.ganymede.api.CallerResolver;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Identities;
import org.ganymede.hub.SignedValues;
import org.ganymede.hub.Tokens;
import org.ganymede.store.UserRecord;

/**
 * The browser session: JupyterHub's cookies, XSRF tokens, and who a request comes from.
 *
 * <p>Cookies: {@code jupyterhub-session-id} (random, path {@code base_url}),
 * {@code jupyterhub-hub-login} (signed user cookie id, path {@code {base_url}hub/}) and {@code _xsrf}
 * (path {@code {base_url}hub/}); all HttpOnly (but {@code _xsrf}, which scripts read), SameSite=Lax,
 * Secure over https. The XSRF token is signed and bound to the session id and the user, so a tossed
 * cookie from another session does not verify.
 */
public final class Sessions implements CallerResolver {
  public static final String LOGIN_COOKIE = "jupyterhub-hub-login";
  public static final String SESSION_COOKIE = "jupyterhub-session-id";
  public static final String XSRF_COOKIE = "_xsrf";

  private final Identities identities;
  private final SignedValues signer;
  private final String baseUrl;
  private final Duration maxAge;
  private final boolean secure;

  public Sessions(Identities identities, SignedValues signer, String baseUrl, Duration maxAge, boolean secure) {
    this.identities = identities;
    this.signer = signer;
    this.baseUrl = baseUrl;
    this.maxAge = maxAge;
    this.secure = secure;
  }

  @Override
  public Optional<Caller> resolve(RoutingContext ctx, boolean api) {
    Optional<String> token = Identities.tokenFromHeader(ctx.request().getHeader("Authorization"));
    if (token.isPresent()) return identities.byToken(token.get());
    Cookie login = ctx.request().getCookie(LOGIN_COOKIE);
    if (login == null) return Optional.empty();
    Optional<Caller> caller = identities.byLoginCookie(LOGIN_COOKIE, login.getValue(), sessionId(ctx));
    if (caller.isEmpty()) return Optional.empty();
    if (api && XsrfRule.required(ctx) && !xsrfValid(ctx, caller.get().user())) {
      // JupyterHub ignores the cookie when the XSRF check fails, so the request is unauthenticated.
      return Optional.empty();
    }
    return caller;
  }

  /** The page's user from the login cookie alone (pages check XSRF on their own forms). */
  public Optional<Caller> pageUser(RoutingContext ctx) {
    Cookie login = ctx.request().getCookie(LOGIN_COOKIE);
    if (login == null) return Optional.empty();
    return identities.byLoginCookie(LOGIN_COOKIE, login.getValue(), sessionId(ctx));
  }

  public Optional<String> sessionId(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(SESSION_COOKIE);
    return c == null || c.getValue().isEmpty() ? Optional.empty() : Optional.of(c.getValue());
  }

  /** The session id, creating the cookie when the browser has none yet. */
  public String ensureSession(RoutingContext ctx) {
    return sessionId(ctx).orElseGet(() -> {
      String id = Tokens.newSecret();
      ctx.response().addCookie(cookie(SESSION_COOKIE, id, baseUrl, true).setMaxAge(Long.MIN_VALUE));
      ctx.put(SESSION_COOKIE, id);
      return id;
    });
  }

  /** The XSRF token for this session and user; also set as the {@code _xsrf} cookie. */
  public String xsrfToken(RoutingContext ctx, Optional<UserRecord> user) {
    String session = Optional.<String>ofNullable(ctx.get(SESSION_COOKIE)).orElseGet(() -> ensureSession(ctx));
    String token = signer.sign(XSRF_COOKIE, xsrfSubject(session, user));
    ctx.response().addCookie(cookie(XSRF_COOKIE, token, baseUrl + "hub/", false).setMaxAge(maxAge.toSeconds()));
    return token;
  }

  /** Whether the request carries a valid XSRF token (form field, query or header) for its session. */
  public boolean xsrfValid(RoutingContext ctx, Optional<UserRecord> user) {
    Optional<String> session = sessionId(ctx);
    if (session.isEmpty()) return false;
    String given = ctx.request().getHeader("X-XSRFToken");
    if (given == null) given = ctx.request().getHeader("X-CSRFToken");
    if (given == null) given = ctx.request().getParam("_xsrf");
    if (given == null) given = ctx.request().getFormAttribute("_xsrf");
    if (given == null || given.isEmpty()) return false;
    String expected = xsrfSubject(session.get(), user);
    return signer.verify(XSRF_COOKIE, given, maxAge).map(expected::equals).orElse(false);
  }

  private static String xsrfSubject(String session, Optional<UserRecord> user) {
    return session + ":" + user.map(UserRecord::cookieId).orElse("anonymous");
  }

  public void logIn(RoutingContext ctx, UserRecord user) {
    ctx.response().addCookie(cookie(LOGIN_COOKIE, identities.signLogin(LOGIN_COOKIE, user), baseUrl + "hub/", true)
        .setMaxAge(maxAge.toSeconds()));
  }

  public void logOut(RoutingContext ctx) {
    ctx.response().addCookie(cookie(LOGIN_COOKIE, "", baseUrl + "hub/", true).setMaxAge(0));
    ctx.response().addCookie(cookie(SESSION_COOKIE, "", baseUrl, true).setMaxAge(0));
    ctx.response().addCookie(cookie(XSRF_COOKIE, "", baseUrl + "hub/", false).setMaxAge(0));
  }

  private Cookie cookie(String name, String value, String path, boolean httpOnly) {
    return Cookie.cookie(name, value).setPath(path).setHttpOnly(httpOnly).setSecure(secure)
        .setSameSite(CookieSameSite.LAX);
  }

  /** Which cookie-authenticated API requests need an XSRF token (JupyterHub 5.4.6 rules). */
  static final class XsrfRule {
    private XsrfRule() {}

    static boolean required(RoutingContext ctx) {
      HttpMethod m = ctx.request().method();
      if (m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) return false;
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) return false;
      if (m != HttpMethod.GET) return true;
      String mode = ctx.request().getHeader("Sec-Fetch-Mode");
      String site = ctx.request().getHeader("Sec-Fetch-Site");
      if (mode == null || mode.equals("navigate")) return false;
      // no-cors GETs are exempt only from the same origin (GHSA-m68r-v472-jgq9).
      return !(mode.equals("no-cors") && "same-origin".equals(site));
    }
  }
}
