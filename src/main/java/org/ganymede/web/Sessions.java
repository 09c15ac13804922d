package org.ganymede.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.ganymede.api.CallerResolver;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Identities;
import org.ganymede.hub.SignedValues;
import org.ganymede.hub.Tokens;
import org.ganymede.http.HttpException;
import org.ganymede.security.XsrfPolicy;
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
  /** {@code __Host-} with {@code cookie_host_prefix_enabled}: the browser then refuses any Domain, non-/ Path or non-Secure copy. */
  private final String prefix;
  private final String loginCookie;
  private final String sessionCookie;
  private final String xsrfCookie;

  public Sessions(Identities identities, SignedValues signer, String baseUrl, Duration maxAge, boolean secure) {
    this(identities, signer, baseUrl, maxAge, secure, false);
  }

  /**
   * @param hostPrefix {@code JupyterHub.cookie_host_prefix_enabled}: cookie names get {@code __Host-},
   *     every cookie gets {@code Path=/} and {@code Secure} (so a sibling subdomain cannot toss them)
   */
  public Sessions(Identities identities, SignedValues signer, String baseUrl, Duration maxAge, boolean secure,
      boolean hostPrefix) {
    this.identities = identities;
    this.signer = signer;
    this.baseUrl = baseUrl;
    this.maxAge = maxAge;
    this.secure = secure || hostPrefix;
    this.prefix = hostPrefix ? "__Host-" : "";
    this.loginCookie = prefix + LOGIN_COOKIE;
    this.sessionCookie = prefix + SESSION_COOKIE;
    this.xsrfCookie = prefix + XSRF_COOKIE;
  }

  @Override
  public Optional<Caller> resolve(RoutingContext ctx, boolean api) {
    Optional<String> token = Identities.tokenFromHeader(ctx.request().getHeader("Authorization"));
    if (token.isPresent()) return identities.byToken(token.get());
    Cookie login = ctx.request().getCookie(loginCookie);
    if (login == null) return Optional.empty();
    Optional<Caller> caller = identities.byLoginCookie(loginCookie, login.getValue(), sessionId(ctx));
    if (caller.isEmpty()) return Optional.empty();
    if (api && xsrfRequired(ctx) && !xsrfValid(ctx, caller.get().user())) {
      // JupyterHub ignores the cookie when the XSRF check fails, so the request is unauthenticated.
      return Optional.empty();
    }
    return caller;
  }

  /** The page's user from the login cookie alone (pages check XSRF on their own forms). */
  public Optional<Caller> pageUser(RoutingContext ctx) {
    Cookie login = ctx.request().getCookie(loginCookie);
    if (login == null) return Optional.empty();
    return identities.byLoginCookie(loginCookie, login.getValue(), sessionId(ctx));
  }

  public Optional<String> sessionId(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(sessionCookie);
    return c == null || c.getValue().isEmpty() ? Optional.empty() : Optional.of(c.getValue());
  }

  /** The session id, creating the cookie when the browser has none yet. */
  public String ensureSession(RoutingContext ctx) {
    return sessionId(ctx).orElseGet(() -> {
      String id = Tokens.newSecret();
      ctx.response().addCookie(cookie(sessionCookie, id, baseUrl, true).setMaxAge(Long.MIN_VALUE));
      ctx.put(sessionCookie, id);
      return id;
    });
  }

  /** The XSRF token for this session and user; also set as the {@code _xsrf} cookie. */
  public String xsrfToken(RoutingContext ctx, Optional<UserRecord> user) {
    String session = Optional.<String>ofNullable(ctx.get(sessionCookie)).orElseGet(() -> ensureSession(ctx));
    String token = signer.sign(xsrfCookie, xsrfSubject(session, user));
    ctx.response().addCookie(cookie(xsrfCookie, token, baseUrl + "hub/", false).setMaxAge(maxAge.toSeconds()));
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
    return signer.verify(xsrfCookie, given, maxAge).map(expected::equals).orElse(false);
  }

  /** 403 unless a page's form carries a valid XSRF token for this session and user. */
  void requireXsrf(RoutingContext ctx, Caller caller) {
    if (!xsrfValid(ctx, caller.user())) throw HttpException.forbidden("'_xsrf' argument missing or invalid");
  }

  private static String xsrfSubject(String session, Optional<UserRecord> user) {
    return session + ":" + user.map(UserRecord::cookieId).orElse("anonymous");
  }

  public void logIn(RoutingContext ctx, UserRecord user) {
    ctx.response().addCookie(cookie(loginCookie, identities.signLogin(loginCookie, user), baseUrl + "hub/", true)
        .setMaxAge(maxAge.toSeconds()));
  }

  /**
   * oauthenticator's state cookie: binds a login started at the provider to this browser, so a
   * callback link made for someone else's login (login CSRF) does not log this browser in.
   */
  public static final String OAUTH_STATE_COOKIE = "oauthenticator-state";

  public void setOAuthState(RoutingContext ctx, String stateId) {
    ctx.response().addCookie(cookie(prefix + OAUTH_STATE_COOKIE, stateId, baseUrl + "hub/", true).setMaxAge(600));
  }

  /** The state cookie's value, cleared from the browser at the same time: it serves one callback. */
  public Optional<String> takeOAuthState(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(prefix + OAUTH_STATE_COOKIE);
    ctx.response().addCookie(cookie(prefix + OAUTH_STATE_COOKIE, "", baseUrl + "hub/", true).setMaxAge(0));
    return c == null ? Optional.empty() : Optional.of(c.getValue());
  }

  public void logOut(RoutingContext ctx) {
    ctx.response().addCookie(cookie(loginCookie, "", baseUrl + "hub/", true).setMaxAge(0));
    ctx.response().addCookie(cookie(sessionCookie, "", baseUrl, true).setMaxAge(0));
    ctx.response().addCookie(cookie(xsrfCookie, "", baseUrl + "hub/", false).setMaxAge(0));
  }

  private Cookie cookie(String name, String value, String path, boolean httpOnly) {
    return Cookie.cookie(name, value).setPath(prefix.isEmpty() ? path : "/").setHttpOnly(httpOnly).setSecure(secure)
        .setSameSite(CookieSameSite.LAX);
  }

  /** Which cookie-authenticated requests need an XSRF token: the one rule in {@link XsrfPolicy}. */
  static boolean xsrfRequired(RoutingContext ctx) {
    String mode = ctx.request().getHeader("Sec-Fetch-Mode");
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    boolean webSocket = "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
    return XsrfPolicy.requires(ctx.request().method().name(), mode == null ? "" : mode, site == null ? "" : site,
        webSocket, false);
  }
}
