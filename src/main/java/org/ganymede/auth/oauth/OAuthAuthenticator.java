package org.ganymede.auth.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Credentials;
import org.ganymede.auth.RedirectLogin;
import org.ganymede.config.OAuthSettings;

/**
 * oauthenticator's OAuthenticator: the authorization code flow with state, PKCE and nonce; ID
 * tokens checked against the issuer's published keys (re-fetched when the provider rotates them),
 * issuer, audience, expiry and nonce; the user read from the user-info endpoint or the checked ID
 * token; then the preset's provider rules. The login form is not used: {@link #authenticate} never
 * accepts a password.
 */
public final class OAuthAuthenticator implements Authenticator, RedirectLogin {
  private final OAuthSettings settings;
  private final String className;
  private final PendingLogins pending;
  private final ProviderRules rules;
  private final ProviderMemberships memberships;
  private final Clock clock;
  private volatile Optional<ProviderEndpoints> endpoints = Optional.empty();
  private volatile Optional<IDTokenValidator> validator = Optional.empty();

  private OAuthAuthenticator(OAuthSettings settings, String className, Clock clock) {
    this.settings = settings;
    this.className = className;
    this.pending = new PendingLogins(clock);
    this.rules = new ProviderRules(settings);
    this.memberships = new ProviderMemberships(settings);
    this.clock = clock;
  }

  /** @param className what {@code /hub/api/info} calls it, e.g. oauthenticator.generic.GenericOAuthenticator */
  public static OAuthAuthenticator create(OAuthSettings settings, String className, Clock clock) {
    return new OAuthAuthenticator(settings, className, clock);
  }

  @Override
  public Optional<Identity> authenticate(Credentials credentials) {
    return Optional.empty();
  }

  @Override
  public String className() {
    return className;
  }

  @Override
  public String loginService() {
    return settings.loginService();
  }

  @Override
  public Optional<String> logoutRedirectUrl() {
    return settings.logoutRedirectUrl().isEmpty() ? Optional.empty() : Optional.of(settings.logoutRedirectUrl());
  }

  @Override
  public Start start(String requestCallbackUrl, String next) {
    ProviderEndpoints where = endpoints();
    // The provider compares it with the registered one, so a configured URL wins over the request's.
    String callbackUrl = settings.oauthCallbackUrl().isEmpty() ? requestCallbackUrl : settings.oauthCallbackUrl();
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE, clientId())
        .endpointURI(where.authorize()).redirectionURI(URI.create(callbackUrl)).scope(scope(where)).state(state);
    if (settings.enablePkce()) request.codeChallenge(verifier, CodeChallengeMethod.S256);
    if (where.oidc().isPresent()) request.customParameter("nonce", nonce.getValue());
    settings.extraAuthorizeParams().forEach(request::customParameter);
    pending.add(new PendingLogins.Pending(state.getValue(), nonce.getValue(), verifier.getValue(), callbackUrl, next,
        clock.instant()));
    return new Start(request.build().toURI().toString(), state.getValue());
  }

  @Override
  public Outcome finish(Map<String, String> query, Optional<String> stateCookie) {
    String urlState = query.getOrDefault("state", "");
    if (stateCookie.isEmpty() || stateCookie.get().isEmpty()) {
      return stale("OAuth state missing from cookies");
    }
    if (urlState.isEmpty()) return stale("OAuth state missing from URL");
    if (!java.security.MessageDigest.isEqual(urlState.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        stateCookie.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return stale("OAuth state mismatch between the URL and the browser's cookie");
    }
    Optional<PendingLogins.Pending> login = pending.take(urlState);
    if (login.isEmpty()) return stale("OAuth state unknown, expired or already used");
    String error = query.getOrDefault("error", "");
    if (!error.isEmpty()) return providerSaidNo(error, query.getOrDefault("error_description", ""));
    String code = query.getOrDefault("code", "");
    if (code.isEmpty()) return stale("OAuth callback made without a code");
    try {
      return exchange(login.get(), code);
    } catch (ProviderUnavailable | Unavailable e) {
      return new Outcome.Failed(503, "The identity provider could not be reached; try again in a few minutes.",
          e.getMessage());
    }
  }

  private Outcome exchange(PendingLogins.Pending login, String code) throws ProviderUnavailable {
    ProviderEndpoints where = endpoints();
    AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(login.callbackUrl()),
        settings.enablePkce() ? new CodeVerifier(login.codeVerifier()) : null);
    TokenRequest.Builder builder = new TokenRequest.Builder(where.token(), clientAuthentication(), grant);
    settings.tokenParams().forEach(builder::customParameter);
    TokenRequest request = builder.build();
    TokenResponse response;
    try {
      HTTPRequest http = request.toHTTPRequest();
      http.setAccept("application/json"); // GitHub answers form-encoded otherwise
      response = OIDCTokenResponseParser.parse(send(http, where.token()));
    } catch (ParseException e) {
      return new Outcome.Failed(502, "The identity provider sent an answer the hub could not use; try again, and "
          + "tell the hub's administrator if it keeps happening.", "the token endpoint " + where.token()
          + " answered something that is not a valid token response: " + e.getMessage());
    }
    if (!response.indicatesSuccess()) {
      ErrorObject err = response.toErrorResponse().getErrorObject();
      return new Outcome.Failed(403, "The identity provider did not accept this login (" + plain(err.getCode())
          + "); start again from the login page.", "token endpoint refused the code: " + err.getCode() + " "
          + Optional.ofNullable(err.getDescription()).orElse(""));
    }
    Tokens tokens = response.toSuccessResponse().getTokens();
    Optional<Map<String, Object>> idClaims = Optional.empty();
    if (where.oidc().isPresent()) {
      JWT idToken = response instanceof OIDCTokenResponse oidc ? oidc.getOIDCTokens().getIDToken() : null;
      if (idToken == null) {
        return new Outcome.Failed(403, "The identity provider did not send an ID token; ask the hub's administrator "
            + "to check the 'openid' scope.", "no id_token in the token response of " + where.token());
      }
      try {
        idClaims = Optional.of(validator(where.oidc().get()).validate(idToken, new Nonce(login.nonce())).toJSONObject());
      } catch (BadJOSEException | JOSEException e) {
        return new Outcome.Failed(403, "The sign-in could not be verified (the identity provider's ID token was not "
            + "valid); start again from the login page.", "ID token rejected: " + e.getMessage());
      }
    }
    Map<String, Object> user = settings.userdataFromIdToken() ? idClaims.orElseThrow()
        : userInfo(where, tokens.getAccessToken());
    if (idClaims.isPresent() && user != idClaims.get()) {
      // OpenID Connect core 5.3.2: the user-info response must be about the ID token's subject.
      Object sub = user.get("sub");
      if (sub != null && !sub.equals(idClaims.get().get("sub"))) {
        return new Outcome.Failed(403, "The sign-in could not be verified; start again from the login page.",
            "user-info sub " + sub + " differs from the ID token's sub " + idClaims.get().get("sub"));
      }
    }
    Map<String, Object> authState = authState(tokens, response, user);
    return switch (rules.decide(user)) {
      case ProviderRules.Decision.Refused no -> new Outcome.Failed(403, no.userMessage(), no.logReason());
      case ProviderRules.Decision.Name(String name) -> {
        Optional<Set<String>> groups = groups(authState);
        Set<String> members = memberships.of(user, name, tokens.getAccessToken());
        if (!members.isEmpty()) {
          Set<String> all = new LinkedHashSet<>(groups.orElse(Set.of()));
          all.addAll(members);
          groups = Optional.of(all);
        }
        yield new Outcome.Proved(new Identity(name, Optional.empty(), groups), login.next(), authState);
      }
    };
  }

  private Map<String, Object> userInfo(ProviderEndpoints where, AccessToken token) throws ProviderUnavailable {
    URI url = where.userinfo().orElseThrow(() -> new ProviderUnavailable("the provider announces no user-info "
        + "endpoint; set userdata_url or userdata_from_id_token", null));
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
    request.setAuthorization(new BearerAccessToken(token.getValue()).toAuthorizationHeader());
    request.setAccept("application/json");
    HTTPResponse response = send(request, url);
    if (!response.indicatesSuccess()) {
      throw new ProviderUnavailable("the user-info endpoint " + url + " answered HTTP " + response.getStatusCode(), null);
    }
    try {
      return response.getBodyAsJSONObject();
    } catch (ParseException e) {
      throw new ProviderUnavailable("the user-info endpoint " + url + " did not answer a JSON object", e);
    }
  }

  /** oauthenticator's auth_state: the tokens and the user info under {@code oauth_user}. */
  private static Map<String, Object> authState(Tokens tokens, TokenResponse response, Map<String, Object> user) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("access_token", tokens.getAccessToken().getValue());
    state.put("refresh_token", tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue());
    state.put("id_token", response instanceof OIDCTokenResponse o && o.getOIDCTokens().getIDTokenString() != null
        ? o.getOIDCTokens().getIDTokenString() : null);
    Scope scope = tokens.getAccessToken().getScope();
    state.put("scope", scope == null ? List.of() : scope.toStringList());
    state.put("token_response", response.toSuccessResponse().toJSONObject());
    state.put("oauth_user", user);
    return state;
  }

  /** The groups at auth_state_groups_key (a dotted path), when it leads to a list. */
  private Optional<Set<String>> groups(Map<String, Object> authState) {
    Object at = authState;
    for (String part : settings.effectiveGroupsKey().split("\\.")) {
      if (!(at instanceof Map<?, ?> map)) return Optional.empty();
      at = map.get(part);
    }
    if (!(at instanceof List<?> list)) return Optional.empty();
    Set<String> groups = new LinkedHashSet<>();
    list.forEach(g -> groups.add(String.valueOf(g)));
    return Optional.of(groups);
  }

  private static HTTPResponse send(HTTPRequest request, URI url) throws ProviderUnavailable {
    request.setConnectTimeout(ProviderEndpoints.CONNECT_TIMEOUT_MS);
    request.setReadTimeout(ProviderEndpoints.READ_TIMEOUT_MS);
    try {
      return request.send();
    } catch (IOException e) {
      throw new ProviderUnavailable("cannot reach " + url + ": " + e, e);
    }
  }

  private ProviderEndpoints endpoints() {
    Optional<ProviderEndpoints> known = endpoints;
    if (known.isPresent()) return known.get();
    synchronized (this) {
      if (endpoints.isEmpty()) {
        try {
          endpoints = Optional.of(ProviderEndpoints.resolve(settings));
        } catch (ProviderUnavailable e) {
          // Not cached: the next login tries again once the provider is back.
          throw new Unavailable(e.getMessage(), e);
        }
      }
      return endpoints.get();
    }
  }

  private IDTokenValidator validator(ProviderEndpoints.Oidc oidc) {
    Optional<IDTokenValidator> known = validator;
    if (known.isPresent()) return known.get();
    synchronized (this) {
      if (validator.isEmpty()) {
        var retriever = new DefaultResourceRetriever(ProviderEndpoints.CONNECT_TIMEOUT_MS,
            ProviderEndpoints.READ_TIMEOUT_MS, 512 * 1024);
        validator = Optional.of(new IDTokenValidator(oidc.issuer(), clientId(), oidc.algorithm(), oidc.jwks(), retriever));
      }
      return validator.get();
    }
  }

  private Scope scope(ProviderEndpoints where) {
    List<String> scopes = new ArrayList<>(settings.scope());
    if (where.oidc().isPresent() && !scopes.contains("openid")) scopes.add(0, "openid");
    return new Scope(scopes.toArray(String[]::new));
  }

  private ClientID clientId() {
    return new ClientID(settings.clientId());
  }

  private ClientAuthentication clientAuthentication() {
    Secret secret = new Secret(settings.clientSecret().map(s -> s.text()).orElse(""));
    return settings.basicAuth() ? new ClientSecretBasic(clientId(), secret) : new ClientSecretPost(clientId(), secret);
  }

  private static Outcome stale(String why) {
    return new Outcome.Failed(400, "This login link has expired or was already used (or your browser blocks the "
        + "hub's cookies); start again from the login page.", why);
  }

  private static Outcome providerSaidNo(String error, String description) {
    String message = switch (error) {
      case "access_denied" -> "You declined to share your identity with the hub, or the identity provider refused "
          + "you access, so you are not logged in.";
      case "login_required", "interaction_required", "consent_required" ->
          "The identity provider needs you to sign in there first; start again from the login page.";
      case "temporarily_unavailable", "server_error" -> "The identity provider had a problem; try again in a few minutes.";
      default -> "The identity provider refused the login (" + plain(error) + ").";
    };
    return new Outcome.Failed(403, message, "provider error " + error + " " + description);
  }

  /** An OAuth error code is ASCII by the spec; anything else is dropped before it reaches a page. */
  private static String plain(String code) {
    String c = code == null ? "" : code.replaceAll("[^A-Za-z0-9_.-]", "");
    return c.length() > 64 ? c.substring(0, 64) : c;
  }
}
