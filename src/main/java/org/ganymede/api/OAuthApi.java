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

/** {@code /oauth2/authorize} and {@code /oauth2/token}: the hub as OAuth provider for user servers. */
final class OAuthApi {
  private final OAuthProvider oauth;
  private final CallerResolver callers;
  private final String baseUrl;
  private final Pattern serverCallback;

  OAuthApi(OAuthProvider oauth, CallerResolver callers, String baseUrl) {
    this.oauth = oauth;
    this.callers = callers;
    this.baseUrl = baseUrl;
    this.serverCallback = Pattern.compile(Pattern.quote(baseUrl) + "user/([^/]+)/(?:([^/]+)/)?oauth_callback");
  }

  Reply authorize(RoutingContext ctx) {
    Optional<Caller> caller = callers.resolve(ctx, false).filter(c -> c.user().isPresent() && c.viaCookie());
    if (caller.isEmpty()) {
      return Reply.redirect(baseUrl + "hub/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
    }
    String clientId = param(ctx, "client_id");
    String redirectUri = param(ctx, "redirect_uri");
    OAuthProviderClient client = validate(clientId, redirectUri, param(ctx, "response_type"));
    String me = caller.get().name();
    if (!caller.get().access().allows("access:servers", Resource.server(client.owner(), client.server()))) {
      throw HttpException.forbidden("You do not have permission to access " + client.owner() + "/" + client.server());
    }
    List<String> scopes = new ArrayList<>(List.of("access:servers!server=" + client.owner() + "/" + client.server(),
        "read:users:name!user=" + me, "read:users:groups!user=" + me));
    Optional<String> challenge = Optional.ofNullable(ctx.request().getParam("code_challenge"));
    if (challenge.isPresent() && !"S256".equals(ctx.request().getParam("code_challenge_method"))) {
      throw HttpException.badRequest("code_challenge_method must be S256");
    }
    String code = oauth.issueCode(oauth.client(clientId).orElseThrow(), me, scopes, caller.get().sessionId(),
        challenge);
    String state = Optional.ofNullable(ctx.request().getParam("state")).orElse("");
    String sep = redirectUri.contains("?") ? "&" : "?";
    return Reply.redirect(redirectUri + sep + "code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
  }

  private record OAuthProviderClient(String owner, String server) {}

  private OAuthProviderClient validate(String clientId, String redirectUri, String responseType) {
    try {
      oauth.validate(clientId, redirectUri, responseType);
    } catch (OAuthProvider.OAuthError e) {
      throw HttpException.badRequest(e.getMessage());
    }
    Matcher m = serverCallback.matcher(redirectUri);
    if (!m.matches()) throw HttpException.badRequest("OAuth client " + clientId + " is not a user server");
    return new OAuthProviderClient(m.group(1), m.group(2) == null ? "" : m.group(2));
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
