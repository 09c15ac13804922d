package org.ganymede.rbac;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of resource a scope filter can name, spelled as in {@code !user=alice}. */
enum ResourceKind {
  USER("user"),
  SERVER("server"),
  GROUP("group"),
  SERVICE("service");

  private final String key;

  ResourceKind(String key) {
    this.key = key;
  }

  /** The word used in filters: {@code user}, {@code server}, {@code group}, {@code service}. */
  public String key() {
    return key;
  }

  static Optional<ResourceKind> fromKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
