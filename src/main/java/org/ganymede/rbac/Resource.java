package org.ganymede.rbac;

import java.util.Objects;

/**
 * A thing a request acts on: a user ({@code alice}), a server ({@code alice/} for the default
 * server, {@code alice/lab} for a named one), a group or a service.
 */
public record Resource(ResourceKind kind, String name) {
  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == ResourceKind.SERVER && name.indexOf('/') < 1) {
      throw new IllegalArgumentException("a server resource is USER/SERVER, got '" + name + "'");
    }
  }

  public static Resource user(String name) {
    return new Resource(ResourceKind.USER, name);
  }

  /** A server named by its owner and server name; the default server has the empty name. */
  public static Resource server(String user, String serverName) {
    return new Resource(ResourceKind.SERVER, user + "/" + serverName);
  }

  public static Resource group(String name) {
    return new Resource(ResourceKind.GROUP, name);
  }

  public static Resource service(String name) {
    return new Resource(ResourceKind.SERVICE, name);
  }

  /** The owning user of a server resource, or the user itself; empty text for groups and services. */
  String owningUser() {
    return switch (kind) {
      case USER -> name;
      case SERVER -> name.substring(0, name.indexOf('/'));
      case GROUP, SERVICE -> "";
    };
  }

  @Override
  public String toString() {
    return kind.key() + "=" + name;
  }
}
