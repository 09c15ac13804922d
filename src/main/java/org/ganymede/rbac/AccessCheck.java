package org.ganymede.rbac;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers, for the expanded scopes of one request, whether an endpoint may run. Three kinds of
 * endpoint, as in JupyterHub 5.5.1's {@code needs_scope}:
 *
 * <ul>
 *   <li>{@link #check(Resource, String...)}: a resource named in the path ({@code /users/alice});
 *   <li>{@link #checkList(String...)}: list endpoints ({@code GET /users}) accept filtered scopes
 *       and then {@link #filter} the results;
 *   <li>{@link #checkUnfiltered(String...)}: everything else, including creation without a name in
 *       the path ({@code POST /users}, GHSA-69wv-m5fw-2fhp), needs one scope unfiltered.
 * </ul>
 */
public final class AccessCheck {
  private final ScopeSet scopes;
  private final GroupMembership membership;

  private AccessCheck(ScopeSet scopes, GroupMembership membership) {
    this.scopes = scopes;
    this.membership = membership;
  }

  /** A check over {@code expandedScopes}; group filters are resolved through {@code membership}. */
  public static AccessCheck of(ScopeSet expandedScopes, GroupMembership membership) {
    return new AccessCheck(Objects.requireNonNull(expandedScopes), Objects.requireNonNull(membership));
  }

  public ScopeSet scopes() {
    return scopes;
  }

  /** Whether {@code scope} is granted for {@code resource}. */
  public boolean allows(String scope, Resource resource) {
    return scopes.grants(scope, resource, membership);
  }

  /** For an endpoint acting on {@code resource}; any one of {@code anyOf} suffices. */
  public Decision check(Resource resource, String... anyOf) {
    boolean heldFiltered = false;
    for (String scope : anyOf) {
      if (scopes.hasUnfiltered(scope)) {
        return new Decision(Decision.Outcome.ALLOWED_UNFILTERED, scope, List.of(anyOf));
      }
      if (scopes.grants(scope, resource, membership)) {
        return new Decision(Decision.Outcome.ALLOWED_FOR_RESOURCE, scope, List.of(anyOf));
      }
      heldFiltered |= scopes.contains(scope);
    }
    return refused(heldFiltered ? Decision.Outcome.NOT_FOUND : Decision.Outcome.FORBIDDEN, anyOf);
  }

  /** For list endpoints: allowed if any of the scopes is held in any form; then {@link #filter}. */
  public Decision checkList(String... anyOf) {
    for (String scope : anyOf) {
      if (scopes.hasUnfiltered(scope)) {
        return new Decision(Decision.Outcome.ALLOWED_UNFILTERED, scope, List.of(anyOf));
      }
    }
    for (String scope : anyOf) {
      if (scopes.contains(scope)) {
        return new Decision(Decision.Outcome.ALLOWED_FOR_RESOURCE, scope, List.of(anyOf));
      }
    }
    return refused(Decision.Outcome.FORBIDDEN, anyOf);
  }

  /** For endpoints with no resource in the path: a filtered scope is not enough (403). */
  public Decision checkUnfiltered(String... anyOf) {
    for (String scope : anyOf) {
      if (scopes.hasUnfiltered(scope)) {
        return new Decision(Decision.Outcome.ALLOWED_UNFILTERED, scope, List.of(anyOf));
      }
    }
    return refused(Decision.Outcome.FORBIDDEN, anyOf);
  }

  /**
   * Which resources a list may show: those any of {@code anyOf} is granted for. The scopes are
   * looked up once, not per item: with an unfiltered scope every item shows, otherwise an item
   * shows when one of the filters covers it.
   */
  public Predicate<Resource> visible(String... anyOf) {
    List<Filter> filters = new java.util.ArrayList<>();
    for (String scope : anyOf) {
      if (scopes.hasUnfiltered(scope)) return resource -> true;
      filters.addAll(scopes.filters(scope));
    }
    return resource -> {
      for (Filter filter : filters) {
        if (filter.covers(resource, membership)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The items of a list whose resource any of {@code anyOf} is granted for, in order. */
  public <T> List<T> filter(Collection<T> items, Function<T, Resource> resourceOf, String... anyOf) {
    Predicate<Resource> visible = visible(anyOf);
    return items.stream().filter(item -> visible.test(resourceOf.apply(item))).toList();
  }

  private static Decision refused(Decision.Outcome outcome, String[] anyOf) {
    return new Decision(outcome, "", List.of(anyOf));
  }
}
