package org.ganymede.hub;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.ganymede.rbac.Owner;
import org.ganymede.rbac.ScopeSet;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;

/** Turns credentials (an Authorization header or a login cookie) into a {@link Caller}. */
public final class Identities {
  private final Directory dir;
  private final Tokens tokens;
  private final Permissions permissions;
  private final SignedValues signer;
  private final Duration cookieMaxAge;
  private final java.util.function.Predicate<String> loginStillValid;

  public Identities(Directory dir, Tokens tokens, Permissions permissions, SignedValues signer,
      Duration cookieMaxAge) {
    this(dir, tokens, permissions, signer, cookieMaxAge, name -> true);
  }

  /**
   * @param loginStillValid whether a user's login still holds ({@link UserAuth#stillValid}); when
   *     not, the user's cookie and tokens identify nobody until they log in again, as JupyterHub's
   *     {@code get_current_user} answers None when {@code refresh_auth} does
   */
  public Identities(Directory dir, Tokens tokens, Permissions permissions, SignedValues signer,
      Duration cookieMaxAge, java.util.function.Predicate<String> loginStillValid) {
    this.loginStillValid = loginStillValid;
    this.dir = dir;
    this.tokens = tokens;
    this.permissions = permissions;
    this.signer = signer;
    this.cookieMaxAge = cookieMaxAge;
  }

  /** {@code Authorization: token T} or {@code bearer T}, any case; anything else is empty. */
  public static Optional<String> tokenFromHeader(String header) {
    if (header == null) return Optional.empty();
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0) return Optional.empty();
    String kind = h.substring(0, space).toLowerCase(Locale.ROOT);
    if (!kind.equals("token") && !kind.equals("bearer")) return Optional.empty();
    String token = h.substring(space + 1).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  public Optional<Caller> byToken(String secret) {
    Optional<TokenRecord> found = tokens.lookup(secret);
    if (found.isEmpty()) return Optional.empty();
    TokenRecord t = found.get();
    Optional<UserRecord> user = t.ownerKind().equals("user") ? dir.user(t.ownerName()) : Optional.empty();
    if (t.ownerKind().equals("user") && user.isEmpty()) return Optional.empty();
    if (user.isPresent() && !loginStillValid.test(user.get().name())) return Optional.empty();
    tokens.touch(t);
    ScopeSet scopes = permissions.scopesOf(t);
    return Optional.of(new Caller(Permissions.ownerOf(t), user, scopes, permissions.access(scopes), found,
        t.sessionId()));
  }

  /** The user of a signed {@code jupyterhub-hub-login} cookie value. */
  public Optional<Caller> byLoginCookie(String cookieName, String signedValue, Optional<String> sessionId) {
    return signer.verify(cookieName, signedValue, cookieMaxAge)
        .flatMap(dir::userByCookie)
        .filter(u -> loginStillValid.test(u.name()))
        .map(u -> {
          ScopeSet scopes = permissions.scopesOf(u);
          return new Caller(Owner.user(u.name()), Optional.of(u), scopes, permissions.access(scopes),
              Optional.empty(), sessionId);
        });
  }

  public String signLogin(String cookieName, UserRecord user) {
    return signer.sign(cookieName, user.cookieId());
  }
}
