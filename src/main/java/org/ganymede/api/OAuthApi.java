package org.ganymede.api;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.hub.Caller;
import org.ganymede.hub.OAuthProvider;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.Resource;
import org.ganymede.store.OAuthClientRows.OAuthClientRecord;

/** {@code /oauth2/authorize} and {@code /oauth2/token}: the hub as OAuth provider for user servers. */
final class OAuthApi {
  private final OAuthProvider oauth;
  private final CallerResolver callers;
  private final String baseUrl;
  private final Pattern serverCallback;
  private final ConsentPage consent;

  OAuthApi(OAuthProvider oauth, CallerResolver callers, String baseUrl, ConsentPage consent) {
    this.oauth = oauth;
    this.consent = consent;
    this.callers = callers;
    this.baseUrl = baseUrl;
    this.serverCallback = Pattern.compile(Pattern.quote(baseUrl) + "user/([^/]+)/(?:([^/]+)/)?oauth_callback");
  }

  /**
   * GET: the user's own server (and a client they already authorised for these scopes) gets a code
   * at once; any other server they may access gets the consent page first, as in JupyterHub.
   */
  Reply authorize(RoutingContext ctx) {
    Optional<Caller> caller = callers.resolve(ctx, false).filter(c -> c.user().isPresent() && c.viaCookie());
    if (caller.isEmpty()) {
      return Reply.redirect(baseUrl + "hub/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
    }
    Authorization request = authorization(ctx, caller.get());
    if (request.needsConsent()) {
      return consent.render(ctx, caller.get(), request.client().description(), request.scopes());
    }
    return grant(ctx, caller.get(), request, request.scopes());
  }

  /**
   * POST from the consent page: needs the login cookie with its XSRF token, and (as JupyterHub) a
   * Referer that is this very URL, so the form cannot be posted from elsewhere.
   */
  Reply authorizeConfirmed(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx, true).filter(c -> c.user().isPresent() && c.viaCookie())
        .orElseThrow(() -> HttpException.forbidden("Authorizing needs your login session and the page's XSRF token;"
            + " reload the authorization page and try again"));
    String referer = Optional.ofNullable(ctx.request().getHeader("Referer")).orElse("");
    if (!withoutScheme(referer).equals(withoutScheme(ctx.request().absoluteURI()))) {
      throw HttpException.forbidden("Authorization form must be sent from authorization page");
    }
    Authorization request = authorization(ctx, caller);
    List<String> posted = ctx.request().formAttributes().getAll("scopes");
    List<String> granted = request.scopes().stream().filter(posted::contains).toList();
    if (granted.isEmpty()) granted = identify(caller.name());
    return grant(ctx, caller, request, granted);
  }

  private record Authorization(OAuthClientRecord client, String redirectUri, List<String> scopes, boolean needsConsent) {}

  private Authorization authorization(RoutingContext ctx, Caller caller) {
    String clientId = param(ctx, "client_id");
    String redirectUri = param(ctx, "redirect_uri");
    ServerOfClient server = validate(clientId, redirectUri, param(ctx, "response_type"));
    String me = caller.name();
    if (!caller.access().allows("access:servers", Resource.server(server.owner(), server.server()))) {
      throw HttpException.forbidden("You do not have permission to access " + server.owner() + "/" + server.server());
    }
    List<String> scopes = new ArrayList<>();
    scopes.add("access:servers!server=" + server.owner() + "/" + server.server());
    scopes.addAll(identify(me));
    boolean own = server.owner().equals(me);
    boolean alreadyGranted = oauth.grantedScopes(me, clientId).containsAll(scopes);
    return new Authorization(oauth.client(clientId).orElseThrow(), redirectUri, List.copyOf(scopes), !own && !alreadyGranted);
  }

  private static List<String> identify(String user) {
    return List.of("read:users:name!user=" + user, "read:users:groups!user=" + user);
  }

  private Reply grant(RoutingContext ctx, Caller caller, Authorization request, List<String> scopes) {
    Optional<String> challenge = Optional.ofNullable(ctx.request().getParam("code_challenge"));
    if (challenge.isPresent() && !"S256".equals(ctx.request().getParam("code_challenge_method"))) {
      throw HttpException.badRequest("code_challenge_method must be S256");
    }
    String code = oauth.issueCode(request.client(), caller.name(), scopes, caller.sessionId(), challenge);
    String state = Optional.ofNullable(ctx.request().getParam("state")).orElse("");
    String sep = request.redirectUri().contains("?") ? "&" : "?";
    return Reply.redirect(request.redirectUri() + sep + "code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
  }

  private static String withoutScheme(String url) {
    int i = url.indexOf("://");
    return i < 0 ? url : url.substring(i + 3);
  }

  private record ServerOfClient(String owner, String server) {}

  private ServerOfClient validate(String clientId, String redirectUri, String responseType) {
    try {
      oauth.validate(clientId, redirectUri, responseType);
    } catch (OAuthProvider.OAuthError e) {
      throw HttpException.badRequest(e.getMessage());
    }
    Matcher m = serverCallback.matcher(redirectUri);
    if (!m.matches()) throw HttpException.badRequest("OAuth client " + clientId + " is not a user server");
    return new ServerOfClient(m.group(1), m.group(2) == null ? "" : m.group(2));
  }

  Reply token(RoutingContext ctx) {
    String clientId = param(ctx, "client_id");
    String secret = Optional.ofNullable(ctx.request().getFormAttribute("client_secret")).orElse("");
    try {
      if (!"authorization_code".equals(param(ctx, "grant_type"))) {
        throw new HttpException(400, "unsupported_grant_type");
      }
      OAuthProvider.Grant grant = oauth.exchange(clientId, secret, param(ctx, "code"), param(ctx, "redirect_uri"),
          Optional.ofNullable(ctx.request().getFormAttribute("code_verifier")));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", grant.accessToken());
      body.put("token_type", "Bearer");
      body.put("expires_in", grant.expiresIn());
      body.put("scope", String.join(" ", grant.scopes()));
      return Reply.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    } catch (OAuthProvider.OAuthError e) {
      return Reply.json(e.error().equals("invalid_client") ? 401 : 400,
          Map.of("error", e.error(), "error_description", e.getMessage()));
    }
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null) v = ctx.request().getFormAttribute(name);
    if (v == null || v.isEmpty()) throw HttpException.badRequest("Missing OAuth parameter: " + name);
    return v;
  }
}
