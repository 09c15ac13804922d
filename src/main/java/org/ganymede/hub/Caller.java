package org.ganymede.hub;

import java.util.Optional;
import org.ganymede.rbac.AccessCheck;
import org.ganymede.rbac.Owner;
import org.ganymede.rbac.ScopeSet;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;

/**
 * Who is asking: the owner (a user or a service), its effective scopes for this request, and how it
 * proved itself (a token, or the login cookie of a browser session).
 */
public record Caller(Owner owner, Optional<UserRecord> user, ScopeSet scopes, AccessCheck access,
    Optional<TokenRecord> token, Optional<String> sessionId) {

  public boolean viaCookie() {
    return token.isEmpty();
  }

  public String name() {
    return owner.name();
  }
}
