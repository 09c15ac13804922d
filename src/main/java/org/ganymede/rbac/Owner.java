package org.ganymede.rbac;

import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a set of scopes: a user or a service, and for a server's own token or OAuth client,
 * the server. The owner gives meaning to {@code self} and to bare filters: {@code !user} becomes
 * {@code !user=<name>}, {@code !service} {@code !service=<name>} and {@code !server}
 * {@code !server=<user>/<server>}.
 */
public record Owner(ResourceKind kind, String name, Optional<String> serverName) {
  public Owner {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(serverName, "serverName");
    if (kind != ResourceKind.USER && kind != ResourceKind.SERVICE) {
      throw new IllegalArgumentException("an owner is a user or a service, not a " + kind.key());
    }
    if (kind == ResourceKind.SERVICE && serverName.isPresent()) {
      throw new IllegalArgumentException("a service owner has no server");
    }
  }

  public static Owner user(String name) {
    return new Owner(ResourceKind.USER, name, Optional.empty());
  }

  public static Owner service(String name) {
    return new Owner(ResourceKind.SERVICE, name, Optional.empty());
  }

  /** The user owning a server, acting through that server (its API token or OAuth client). */
  public static Owner server(String user, String serverName) {
    return new Owner(ResourceKind.USER, user, Optional.of(serverName));
  }

  public boolean isUser() {
    return kind == ResourceKind.USER;
  }

  /** The named filter a bare filter stands for, or empty when this owner has no such resource. */
  Optional<Filter> resolve(Filter bare) {
    return switch (bare.kind()) {
      case USER -> isUser() ? Optional.of(Filter.user(name)) : Optional.empty();
      case SERVICE -> isUser() ? Optional.empty() : Optional.of(Filter.service(name));
      case SERVER -> serverName.map(server -> Filter.server(name, server));
      case GROUP -> Optional.empty();
    };
  }

  /**
   * The scopes every credential of this owner has for "who am I" ({@code GET /api/user}): its own
   * name and groups for a user, its name for a service.
   */
  public ScopeSet identifyScopes() {
    return isUser()
        ? ScopeSet.of(Scope.of("read:users:name", Filter.user(name)),
            Scope.of("read:users:groups", Filter.user(name)))
        : ScopeSet.of(Scope.of("read:services:name", Filter.service(name)));
  }

  @Override
  public String toString() {
    return kind.key() + " " + name + serverName.map(s -> " (server '" + s + "')").orElse("");
  }
}
