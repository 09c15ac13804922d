package org.ganymede.proxy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A route in the table: immutable except for its activity clock.
 *
 * <p>Activity is a volatile epoch-millisecond value written at most once per second, so
 * forwarding a stream of chunks costs one clock read and one compare per chunk.
 */
final class LiveRoute {
  private static final long RESOLUTION_MILLIS = 1000;

  final String spec;
  final Target target;
  final Map<String, Object> data;
  /** The path part of {@link #spec} (without the host segment when host routing). */
  final String pathPrefix;

  private volatile long lastActivityMillis;

  LiveRoute(String spec, Target target, Map<String, Object> data, String pathPrefix, long now) {
    this.spec = spec;
    this.target = target;
    this.data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    this.pathPrefix = pathPrefix;
    this.lastActivityMillis = now;
  }

  void touch() {
    long now = System.currentTimeMillis();
    if (now - lastActivityMillis >= RESOLUTION_MILLIS) {
      lastActivityMillis = now;
    }
  }

  long lastActivityMillis() {
    return lastActivityMillis;
  }

  /** Keeps a restored route's activity instead of "now". */
  void restoreActivity(long millis) {
    lastActivityMillis = millis;
  }

  ProxyRoute toProxyRoute() {
    return new ProxyRoute(
        spec, target.url(), data, Optional.of(Instant.ofEpochMilli(lastActivityMillis)));
  }
}
