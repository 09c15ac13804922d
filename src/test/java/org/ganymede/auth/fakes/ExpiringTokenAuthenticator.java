package org.ganymede.auth.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Credentials;

/**
 * Fakes an identity provider's tokens on top of another authenticator (the dummy one): every login
 * gets an auth state with an access token that expires after {@code lifetime} and a refresh token.
 * {@link #refreshUser} renews an expired access token with the refresh token, unless the test
 * {@link #revokeRefreshToken revoked} it, as OAuthenticator's {@code refresh_user} does against a
 * real provider; {@link #grantAdminOnRefresh} makes the next refresh report admin rights.
 */
public final class ExpiringTokenAuthenticator implements Authenticator {
  private final Authenticator checks;
  private final Clock clock;
  private final Duration lifetime;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final Set<String> newAdmins = ConcurrentHashMap.newKeySet();

  public ExpiringTokenAuthenticator(Authenticator checks, Clock clock, Duration lifetime) {
    this.checks = checks;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  @Override
  public Optional<Identity> authenticate(Credentials credentials) {
    return checks.authenticate(credentials).map(id -> id.withAuthState(tokens(id.name(), "refresh-" + id.name())));
  }

  /** What a provider's token endpoint answers, as oauthenticator keeps it in auth_state. */
  private Map<String, Object> tokens(String user, String refreshToken) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("access_token", "access-" + user + "-" + issued.incrementAndGet());
    state.put("refresh_token", refreshToken);
    state.put("expires_at", clock.instant().plus(lifetime).getEpochSecond());
    state.put("scope", java.util.List.of("openid", "profile"));
    return state;
  }

  @Override
  public Refresh refreshUser(String userName, Optional<Map<String, Object>> authState) {
    refreshes.incrementAndGet();
    // As oauthenticator: users who never logged in through the provider (API-made, admins with
    // tokens) have nothing to refresh.
    if (authState.isEmpty()) return Refresh.UP_TO_DATE;
    Map<String, Object> state = authState.get();
    Optional<Boolean> admin = newAdmins.remove(userName) ? Optional.of(true) : Optional.empty();
    long expiresAt = ((Number) state.get("expires_at")).longValue();
    if (clock.instant().isBefore(Instant.ofEpochSecond(expiresAt))) {
      return admin.isPresent() ? new Refresh.Updated(admin, Optional.empty()) : Refresh.UP_TO_DATE;
    }
    String refreshToken = (String) state.get("refresh_token");
    if (revoked.contains(refreshToken)) return new Refresh.Expired("the provider refused the refresh token");
    return new Refresh.Updated(admin, Optional.of(tokens(userName, refreshToken)));
  }

  /** The provider no longer accepts this user's refresh token (the user revoked the grant). */
  public void revokeRefreshToken(String userName) {
    revoked.add("refresh-" + userName);
  }

  /** The next refresh of {@code userName} says they are admin now (an {@code admin_groups} change). */
  public void grantAdminOnRefresh(String userName) {
    newAdmins.add(userName);
  }

  /** How many times the hub asked for a refresh. */
  public int refreshes() {
    return refreshes.get();
  }

  @Override
  public String className() {
    return checks.className();
  }
}
