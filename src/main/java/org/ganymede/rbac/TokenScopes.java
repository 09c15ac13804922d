package org.ganymede.rbac;

/**
 * A token's effective scopes: what the token asks for, limited at every use to what its owner
 * holds now, so revoking a role from a user immediately narrows all of the user's tokens.
 */
public final class TokenScopes {
  private TokenScopes() {}

  /**
   * The expanded scopes a token grants. {@code inherit} gives exactly the owner's scopes; otherwise
   * the token's raw scopes are expanded for the owner, the owner's identify scopes added, and the
   * result intersected with {@code ownerScopes}. An OAuth token's access scope for its client
   * ({@code access:servers!server=u/s}) belongs in {@code tokenRaw}.
   *
   * @param ownerScopes the owner's current expanded scopes (from its roles and groups' roles)
   */
  public static ScopeSet effective(ScopeCatalogue catalogue, Owner owner, ScopeSet tokenRaw,
      ScopeSet ownerScopes, GroupMembership membership) {
    if (tokenRaw.contains("inherit")) {
      return ownerScopes;
    }
    ScopeSet wanted = tokenRaw.expand(catalogue, owner).union(owner.identifyScopes());
    return wanted.intersect(ownerScopes, membership);
  }

  /**
   * The requested scopes the owner does not hold, empty when a token with {@code requestedRaw} may
   * be issued; JupyterHub answers 400 naming them otherwise. {@code inherit} never exceeds.
   */
  public static ScopeSet notHeldByOwner(ScopeCatalogue catalogue, Owner owner, ScopeSet requestedRaw,
      ScopeSet ownerScopes, GroupMembership membership) {
    if (requestedRaw.contains("inherit")) {
      return ScopeSet.empty();
    }
    ScopeSet wanted = requestedRaw.expand(catalogue, owner);
    ScopeSet granted = wanted.intersect(ownerScopes, membership);
    return ScopeSet.of(wanted.scopes().stream()
        .filter(s -> !granted.scopes().contains(s) && !heldThroughUnfiltered(s, granted))
        .toList());
  }

  private static boolean heldThroughUnfiltered(Scope scope, ScopeSet granted) {
    return scope.isFiltered() && granted.hasUnfiltered(scope.name());
  }
}
