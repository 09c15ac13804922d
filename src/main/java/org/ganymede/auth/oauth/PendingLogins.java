package org.ganymede.auth.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logins sent to the provider and not yet back, by state id. Each is taken once: a replayed
 * callback finds nothing. Bounded in count and age, because anyone can start a login: the oldest
 * are dropped first, so a flood of started logins costs memory only up to the bound.
 */
final class PendingLogins {
  static final Duration MAX_AGE = Duration.ofMinutes(10);
  static final int MAX_COUNT = 10_000;

  /** What a callback needs to finish the login it belongs to. */
  record Pending(String stateId, String nonce, String codeVerifier, String callbackUrl, String next, Instant created) {}

  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Clock clock;

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  synchronized void add(Pending login) {
    dropExpired();
    if (pending.size() >= MAX_COUNT) {
      Iterator<String> oldest = pending.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    pending.put(login.stateId(), login);
  }

  /** The login with this state id, removed so it cannot be finished twice; empty if unknown or too old. */
  synchronized Optional<Pending> take(String stateId) {
    dropExpired();
    return Optional.ofNullable(pending.remove(stateId));
  }

  synchronized int size() {
    return pending.size();
  }

  private void dropExpired() {
    Instant limit = clock.instant().minus(MAX_AGE);
    // Insertion order is creation order, so the expired ones are at the front.
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext() && it.next().created().isBefore(limit)) it.remove();
  }
}
