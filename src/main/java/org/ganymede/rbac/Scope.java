package org.ganymede.rbac;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One scope: a name from the {@link ScopeCatalogue} and at most one filter, written
 * {@code read:users!user=alice}. Parsing checks the syntax only; the catalogue checks the name.
 */
record Scope(String name, Optional<Filter> filter) implements Comparable<Scope> {
  private static final Comparator<Scope> ORDER = Comparator.comparing(Scope::toString);

  public Scope {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    if (name.isEmpty()) {
      throw new RbacException("scope name is empty; expected e.g. 'read:users'");
    }
  }

  /** Parses {@code name} or {@code name!filter}. */
  public static Scope parse(String raw) {
    int bang = raw.indexOf('!');
    if (bang < 0) {
      return new Scope(raw, Optional.empty());
    }
    return new Scope(raw.substring(0, bang), Optional.of(Filter.parse(raw.substring(bang + 1))));
  }

  public static Scope of(String name) {
    return new Scope(name, Optional.empty());
  }

  public static Scope of(String name, Filter filter) {
    return new Scope(name, Optional.of(filter));
  }

  public boolean isFiltered() {
    return filter.isPresent();
  }

  @Override
  public int compareTo(Scope o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return filter.map(f -> name + "!" + f).orElse(name);
  }
}
