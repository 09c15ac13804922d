package org.ganymede.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ganymede.rbac.AccessCheck;
import org.ganymede.rbac.GroupMembership;
import org.ganymede.rbac.Owner;
import org.ganymede.rbac.Role;
import org.ganymede.rbac.Roles;
import org.ganymede.rbac.ScopeCatalogue;
import org.ganymede.rbac.ScopeSet;
import org.ganymede.rbac.TokenScopes;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;

/**
 * Who may do what: the roles of users and services, their expanded scopes, and the effective
 * scopes of a token (its own ∩ its owner's now). Results are cached until the directory changes.
 */
public final class Permissions {
  private final Directory dir;
  private final ScopeCatalogue catalogue;
  private final Roles roles;
  private final Map<String, Boolean> adminServices;
  private final GroupMembership membership;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long version, ScopeSet scopes) {}

  public Permissions(Directory dir, ScopeCatalogue catalogue, Roles roles, Map<String, Boolean> adminServices) {
    this.dir = dir;
    this.catalogue = catalogue;
    this.roles = roles;
    this.adminServices = Map.copyOf(adminServices);
    this.membership = dir::groupsOf;
  }

  public ScopeCatalogue catalogue() {
    return catalogue;
  }

  public GroupMembership membership() {
    return membership;
  }

  /** Role names of a user: {@code user}, {@code admin} when admin, and every role naming them or their groups. */
  public List<String> roleNames(UserRecord user) {
    List<String> names = new ArrayList<>();
    names.add("user");
    if (user.admin()) names.add("admin");
    java.util.Set<String> groups = dir.groupsOf(user.name());
    for (Role r : roles.all()) {
      if (names.contains(r.name())) continue;
      boolean viaGroup = !groups.isEmpty() && groups.stream().anyMatch(r.groups()::contains);
      if (r.users().contains(user.name()) || viaGroup) names.add(r.name());
    }
    return names;
  }

  public List<String> roleNamesOfService(String service) {
    List<String> names = new ArrayList<>();
    if (adminServices.getOrDefault(service, false)) names.add("admin");
    for (Role r : roles.all()) {
      if (r.services().contains(service) && !names.contains(r.name())) names.add(r.name());
    }
    return names;
  }

  /** The expanded scopes of a user. */
  public ScopeSet scopesOf(UserRecord user) {
    return cached("user:" + user.name(), () ->
        roles.scopesOf(roleNames(user)).expand(catalogue, Owner.user(user.name())));
  }

  public ScopeSet scopesOfService(String service) {
    return cached("service:" + service, () ->
        roles.scopesOf(roleNamesOfService(service)).expand(catalogue, Owner.service(service)));
  }

  /** A token's effective scopes: what it asks for, within what its owner holds now. */
  public ScopeSet scopesOf(TokenRecord token) {
    return cached("token:" + token.id(), () -> {
      Owner owner = ownerOf(token);
      ScopeSet ownerScopes = owner.isUser()
          ? dir.user(owner.name()).map(this::scopesOf).orElse(ScopeSet.empty())
          : scopesOfService(owner.name());
      return TokenScopes.effective(catalogue, owner, ScopeSet.parse(token.scopes()), ownerScopes, membership);
    });
  }

  /** The scopes in {@code requested} that {@code owner} could not give a token, for a 400 naming them. */
  public ScopeSet notHeld(UserRecord owner, List<String> requested) {
    return TokenScopes.notHeldByOwner(catalogue, Owner.user(owner.name()),
        catalogue.validate(requested, "the requested token scopes"), scopesOf(owner), membership);
  }

  public AccessCheck access(ScopeSet scopes) {
    return AccessCheck.of(scopes, membership);
  }

  static Owner ownerOf(TokenRecord token) {
    return token.ownerKind().equals("service") ? Owner.service(token.ownerName()) : Owner.user(token.ownerName());
  }

  private ScopeSet cached(String key, java.util.function.Supplier<ScopeSet> compute) {
    long version = dir.version();
    Cached c = cache.get(key);
    if (c != null && c.version() == version) return c.scopes();
    ScopeSet scopes = compute.get();
    if (cache.size() > 100_000) cache.clear();
    cache.put(key, new Cached(version, scopes));
    return scopes;
  }
}
