package org.ganymede.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ganymede.store.OAuthClientRows;
import org.ganymede.store.OAuthClientRows.OAuthClientRecord;
import org.ganymede.store.TokenRecord;

/**
 * The hub as an OAuth 2 provider for single-user servers and services: clients, authorization
 * codes (5 minutes, single use, optional PKCE S256) and access tokens (stored like API tokens, with
 * the client id and the browser session they came from).
 */
public final class OAuthProvider {
  /** Thrown for OAuth protocol errors; {@code error} is the RFC 6749 error code. */
  public static final class OAuthError extends RuntimeException {
    private final String error;

    OAuthError(String error, String description) {
      super(description, null, false, false);
      this.error = error;
    }

    public String error() {
      return error;
    }
  }

  private record Code(String clientId, String user, String redirectUri, List<String> scopes,
      Optional<String> sessionId, Optional<String> challenge, Instant expires) {}

  private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
  private final Directory dir;
  private final Tokens tokens;
  private final Clock clock;
  private final Duration tokenLifetime;
  private final Map<String, OAuthClientRecord> clients = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();

  public OAuthProvider(Directory dir, Tokens tokens, Clock clock, Duration tokenLifetime) {
    this.dir = dir;
    this.tokens = tokens;
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
    dir.db().transaction(OAuthClientRows::all).forEach(c -> clients.put(c.identifier(), c));
  }

  /** Registers (or updates) a client whose secret is {@code secret}. */
  public void register(String clientId, String description, String secret, String redirectUri,
      List<String> allowedScopes) {
    OAuthClientRecord r = new OAuthClientRecord(clientId, description, Tokens.hash(secret), redirectUri,
        allowedScopes);
    dir.db().transaction(c -> {
      OAuthClientRows.upsert(c, r);
      return null;
    });
    clients.put(clientId, r);
  }

  public void unregister(String clientId) {
    dir.db().transaction(c -> {
      OAuthClientRows.delete(c, clientId);
      return null;
    });
    clients.remove(clientId);
  }

  public Optional<OAuthClientRecord> client(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  /** Checks an authorization request; returns the client. */
  public OAuthClientRecord validate(String clientId, String redirectUri, String responseType) {
    OAuthClientRecord client = client(clientId)
        .orElseThrow(() -> new OAuthError("invalid_client", "No such oauth client: " + clientId));
    if (!client.redirectUri().equals(redirectUri)) {
      throw new OAuthError("invalid_request", "redirect_uri does not match the one registered for " + clientId);
    }
    if (!"code".equals(responseType)) {
      throw new OAuthError("unsupported_response_type", "response_type must be 'code'");
    }
    return client;
  }

  /** Issues a one-time code for {@code user}. */
  public String issueCode(OAuthClientRecord client, String user, List<String> scopes, Optional<String> sessionId,
      Optional<String> codeChallenge) {
    purgeExpiredCodes();
    String code = Tokens.newSecret();
    codes.put(Tokens.hash(code), new Code(client.identifier(), user, client.redirectUri(), List.copyOf(scopes),
        sessionId, codeChallenge, clock.instant().plus(CODE_LIFETIME)));
    return code;
  }

  /** What the token endpoint returns: the access token (shown once), its scopes and lifetime. */
  public record Grant(String accessToken, List<String> scopes, long expiresIn) {
    @Override
    public String toString() {
      return "Grant[" + scopes + "]";
    }
  }

  /** Exchanges a code for an access token (grant_type=authorization_code). */
  public Grant exchange(String clientId, String clientSecret, String code, String redirectUri,
      Optional<String> codeVerifier) {
    OAuthClientRecord client = client(clientId)
        .filter(c -> constantTimeEquals(c.secretHash(), Tokens.hash(clientSecret)))
        .orElseThrow(() -> new OAuthError("invalid_client", "client authentication failed"));
    Code c = codes.remove(Tokens.hash(code));
    if (c == null || c.expires().isBefore(clock.instant()) || !c.clientId().equals(client.identifier())) {
      throw new OAuthError("invalid_grant", "invalid or expired authorization code");
    }
    if (!c.redirectUri().equals(redirectUri)) {
      throw new OAuthError("invalid_grant", "redirect_uri does not match the authorization request");
    }
    if (c.challenge().isPresent()) {
      String expected = codeVerifier.map(OAuthProvider::s256)
          .orElseThrow(() -> new OAuthError("invalid_grant", "code_verifier is required (PKCE)"));
      if (!constantTimeEquals(expected, c.challenge().get())) {
        throw new OAuthError("invalid_grant", "code_verifier does not match code_challenge");
      }
    }
    Tokens.Issued issued = tokens.issue("user", c.user(), c.scopes(), "OAuth token for " + clientId,
        Optional.of(tokenLifetime), c.sessionId(), clientId);
    return new Grant(issued.secret(), c.scopes(), tokenLifetime.toSeconds());
  }

  /** The scopes {@code user} already granted {@code clientId} through live tokens (no consent page for those again). */
  public java.util.Set<String> grantedScopes(String user, String clientId) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (TokenRecord t : tokens.ownedBy("user", user)) {
      if (t.clientId().equals(clientId)) out.addAll(t.scopes());
    }
    return out;
  }

  /**
   * Logout of browser session {@code sessionId}: the access tokens {@code user} got in it are
   * revoked, and so are its codes not yet exchanged (a tab's OAuth dance still in flight would
   * otherwise mint a fresh token after the logout). Returns how many tokens went.
   */
  public int endSession(String user, String sessionId) {
    codes.values().removeIf(c -> c.user().equals(user) && c.sessionId().filter(sessionId::equals).isPresent());
    return tokens.revokeSession(user, sessionId);
  }

  /** Revokes every OAuth token of a client (server stop) — API tokens are kept. */
  public void revokeTokensOf(String clientId, String user) {
    for (TokenRecord t : tokens.ownedBy("user", user)) {
      if (t.clientId().equals(clientId)) tokens.revoke(t.id());
    }
  }

  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Forgets expired codes (they are refused before that already); returns how many. */
  public int purgeExpiredCodes() {
    Instant now = clock.instant();
    int purged = 0;
    for (var it = codes.values().iterator(); it.hasNext(); ) {
      if (it.next().expires().isBefore(now)) {
        it.remove();
        purged++;
      }
    }
    return purged;
  }

  /** Codes issued and not yet exchanged nor expired-and-purged (for tests and diagnostics). */
  int pendingCodes() {
    return codes.size();
  }
}
