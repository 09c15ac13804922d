package org.ganymede.rbac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable, reduced set of scopes: when a scope is held unfiltered, its filtered forms are
 * dropped. Raw sets ({@link #parse}) become expanded sets through {@link #expand}; a token's
 * effective scopes are an {@link #intersect intersection} with its owner's (see {@link TokenScopes}).
 */
public final class ScopeSet {
  private static final ScopeSet EMPTY = new ScopeSet(new TreeSet<>());

  private final SortedSet<Scope> scopes;

  private ScopeSet(SortedSet<Scope> reduced) {
    this.scopes = Collections.unmodifiableSortedSet(reduced);
  }

  public static ScopeSet empty() {
    return EMPTY;
  }

  /** Parses scope strings, checking syntax only; use {@link ScopeCatalogue#validate} for names. */
  public static ScopeSet parse(Collection<String> raw) {
    return of(raw.stream().map(Scope::parse).toList());
  }

  public static ScopeSet of(Scope... scopes) {
    return of(Arrays.asList(scopes));
  }

  public static ScopeSet of(Collection<Scope> scopes) {
    Set<String> unfiltered = scopes.stream()
        .filter(s -> !s.isFiltered()).map(Scope::name).collect(Collectors.toSet());
    TreeSet<Scope> reduced = new TreeSet<>();
    for (Scope s : scopes) {
      if (!s.isFiltered() || !unfiltered.contains(s.name())) {
        reduced.add(s);
      }
    }
    return reduced.isEmpty() ? EMPTY : new ScopeSet(reduced);
  }

  /**
   * Expands raw scopes for {@code owner}: subscopes recursively, {@code self} to the owner's user
   * scopes (nothing for a service), bare filters to the owner (dropped when the owner has no such
   * resource, so they grant nothing). {@code inherit} stays as it is: it has meaning only for
   * tokens, see {@link TokenScopes}. Expansion is idempotent.
   *
   * @throws RbacException for a scope the catalogue does not know
   */
  public ScopeSet expand(ScopeCatalogue catalogue, Owner owner) {
    List<Scope> out = new ArrayList<>();
    for (Scope scope : scopes) {
      if (scope.name().equals("self")) {
        if (owner.isUser()) {
          Filter mine = Filter.user(owner.name());
          for (String name : StandardScopes.SELF) {
            catalogue.closure(name).forEach(n -> out.add(Scope.of(n, mine)));
          }
        }
        continue;
      }
      Optional<Filter> filter = scope.filter();
      if (filter.isPresent() && filter.get().isBare()) {
        filter = owner.resolve(filter.get());
        if (filter.isEmpty()) {
          continue;
        }
      }
      Set<String> names = catalogue.closure(scope.name());
      for (String name : names) {
        out.add(new Scope(name, filter));
      }
      // Reading a server implies reading its owner's name (JupyterHub does the same).
      if (filter.isPresent() && filter.get().kind() == ResourceKind.SERVER
          && names.stream().anyMatch(n -> n.startsWith("read:"))) {
        String user = new Resource(ResourceKind.SERVER, filter.get().value()).owningUser();
        out.add(Scope.of("read:users:name", Filter.user(user)));
      }
    }
    return of(out);
  }

  /** {@link #intersect(ScopeSet, GroupMembership)} where nobody is in any group. */
  public ScopeSet intersect(ScopeSet other) {
    return intersect(other, GroupMembership.none());
  }

  /**
   * What both sets grant. Per scope name: unfiltered on both sides stays unfiltered; unfiltered on
   * one side keeps the other side's filters; otherwise a filter is kept when the other side has a
   * filter covering it ({@code !user=alice} is covered by {@code !group=staff} when alice is in
   * staff; {@code !server=alice/x} by {@code !user=alice}). Commutative; grants nothing that
   * either side does not grant.
   */
  public ScopeSet intersect(ScopeSet other, GroupMembership membership) {
    List<Scope> out = new ArrayList<>();
    for (String name : names()) {
      if (!other.contains(name)) {
        continue;
      }
      boolean mineAll = hasUnfiltered(name);
      boolean theirsAll = other.hasUnfiltered(name);
      if (mineAll && theirsAll) {
        out.add(Scope.of(name));
        continue;
      }
      Set<Filter> mine = filters(name);
      Set<Filter> theirs = other.filters(name);
      for (Filter f : mine) {
        if (theirsAll || theirs.stream().anyMatch(g -> f.within(g, membership))) {
          out.add(Scope.of(name, f));
        }
      }
      for (Filter f : theirs) {
        if (mineAll || mine.stream().anyMatch(g -> f.within(g, membership))) {
          out.add(Scope.of(name, f));
        }
      }
    }
    return of(out);
  }

  public ScopeSet union(ScopeSet other) {
    List<Scope> all = new ArrayList<>(scopes);
    all.addAll(other.scopes);
    return of(all);
  }

  /** The scopes of this set that are not in {@code other}, compared as written. */
  public ScopeSet minus(ScopeSet other) {
    List<Scope> out = new ArrayList<>(scopes);
    out.removeAll(other.scopes);
    return of(out);
  }

  /** Whether {@code name} is held in any form, filtered or not. */
  public boolean contains(String name) {
    return scopes.stream().anyMatch(s -> s.name().equals(name));
  }

  public boolean hasUnfiltered(String name) {
    return scopes.contains(Scope.of(name));
  }

  /** The filters {@code name} is held with; empty when it is held unfiltered or not at all. */
  public Set<Filter> filters(String name) {
    return scopes.stream()
        .filter(s -> s.name().equals(name) && s.isFiltered())
        .map(s -> s.filter().orElseThrow())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Whether {@code name} is granted for {@code resource}, unfiltered or through a filter. */
  public boolean grants(String name, Resource resource, GroupMembership membership) {
    return hasUnfiltered(name)
        || filters(name).stream().anyMatch(f -> f.covers(resource, membership));
  }

  public Set<String> names() {
    return scopes.stream().map(Scope::name).collect(Collectors.toCollection(TreeSet::new));
  }

  public SortedSet<Scope> scopes() {
    return scopes;
  }

  /** The scopes as sorted strings, as in the {@code scopes} field of {@code GET /api/user}. */
  public List<String> strings() {
    return scopes.stream().map(Scope::toString).sorted().toList();
  }

  public boolean isEmpty() {
    return scopes.isEmpty();
  }

  public int size() {
    return scopes.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScopeSet other && scopes.equals(other.scopes);
  }

  @Override
  public int hashCode() {
    return scopes.hashCode();
  }

  @Override
  public String toString() {
    return strings().toString();
  }
}
