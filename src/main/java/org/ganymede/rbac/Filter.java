package org.ganymede.rbac;

import java.util.Objects;

/**
 * The part of a scope after {@code !}: {@code user=alice}, {@code server=alice/lab},
 * {@code group=staff}, {@code service=announcer}. An empty value is a bare filter ({@code !user},
 * {@code !server}, {@code !service}) that names the owner and is resolved during expansion.
 */
record Filter(ResourceKind kind, String value) implements Comparable<Filter> {
  public Filter {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() && kind == ResourceKind.GROUP) {
      throw new RbacException("filter '!group' needs a group name, e.g. '!group=staff'");
    }
    if (kind == ResourceKind.SERVER && !value.isEmpty() && value.indexOf('/') < 1) {
      throw new RbacException("filter '!server=" + shorten(value) + "' needs USER/SERVER, e.g."
          + " '!server=alice/' for alice's default server or '!server=alice/lab'");
    }
  }

  /** Parses the text after {@code !}; the message names the bad filter and the valid forms. */
  public static Filter parse(String text) {
    int eq = text.indexOf('=');
    String key = eq < 0 ? text : text.substring(0, eq);
    ResourceKind kind = ResourceKind.fromKey(key).orElseThrow(() -> new RbacException(
        "scope filter '!" + shorten(text) + "' does not exist; use !user=NAME, !server=USER/SERVER, "
            + "!group=NAME or !service=NAME (or bare !user, !server, !service for the owner)"));
    if (eq < 0) {
      return new Filter(kind, "");
    }
    String value = text.substring(eq + 1);
    if (value.isEmpty()) {
      throw new RbacException("scope filter '!" + shorten(text) + "' has an empty name; write '!"
          + key + "' for the owner or '!" + key + "=NAME'");
    }
    return new Filter(kind, value);
  }

  public static Filter user(String name) {
    return new Filter(ResourceKind.USER, name);
  }

  public static Filter server(String user, String serverName) {
    return new Filter(ResourceKind.SERVER, user + "/" + serverName);
  }

  public static Filter group(String name) {
    return new Filter(ResourceKind.GROUP, name);
  }

  public static Filter service(String name) {
    return new Filter(ResourceKind.SERVICE, name);
  }

  /** True for {@code !user}, {@code !server}, {@code !service} without a name. */
  public boolean isBare() {
    return value.isEmpty();
  }

  /**
   * Whether this filter grants access to {@code resource}: the same resource, a user's servers
   * through the user, and members (and their servers) through a group.
   */
  public boolean covers(Resource resource, GroupMembership membership) {
    if (isBare()) {
      return false; // unresolved: grants nothing
    }
    if (kind == resource.kind() && value.equals(resource.name())) {
      return true;
    }
    String user = resource.owningUser();
    if (user.isEmpty()) {
      return false;
    }
    return switch (kind) {
      case USER -> resource.kind() == ResourceKind.SERVER && value.equals(user);
      case GROUP -> membership.groupsOf(user).contains(value);
      case SERVER, SERVICE -> false;
    };
  }

  /** Whether every resource this filter grants is also granted by {@code other}. */
  boolean within(Filter other, GroupMembership membership) {
    if (isBare() || other.isBare()) {
      return false;
    }
    return other.covers(new Resource(kind, value), membership);
  }

  @Override
  public int compareTo(Filter o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return value.isEmpty() ? kind.key() : kind.key() + "=" + value;
  }

  static String shorten(String raw) {
    return raw.length() <= 64 ? raw : raw.substring(0, 64) + "…";
  }
}
