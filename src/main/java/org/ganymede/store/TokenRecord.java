package org.ganymede.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A row of {@code api_tokens}: never the token itself, only its prefix and hash.
 *
 * @param ownerKind "user" or "service"
 * @param clientId "jupyterhub" for API tokens, the OAuth client id for OAuth tokens
 */
public record TokenRecord(long id, String ownerKind, String ownerName, String prefix, String hashed,
    List<String> scopes, String note, Instant created, Optional<Instant> expiresAt,
    Optional<Instant> lastActivity, Optional<String> sessionId, String clientId) {

  public TokenRecord {
    scopes = List.copyOf(scopes);
  }

  public boolean expired(Instant now) {
    return expiresAt.map(now::isAfter).orElse(false);
  }

  public TokenRecord withOwnerName(String name) {
    return new TokenRecord(id, ownerKind, name, prefix, hashed, scopes, note, created, expiresAt, lastActivity,
        sessionId, clientId);
  }

  public TokenRecord withLastActivity(Instant when) {
    return new TokenRecord(id, ownerKind, ownerName, prefix, hashed, scopes, note, created, expiresAt,
        Optional.of(when), sessionId, clientId);
  }
}
