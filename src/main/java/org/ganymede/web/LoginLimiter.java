package org.ganymede.web;

import java.util.OptionalInt;

/** Throttles failed logins per user name and per client address; implemented in {@code security}. */
public interface LoginLimiter {
  /** Seconds to wait before another attempt, or empty when an attempt may go ahead. */
  OptionalInt retryAfter(String userName, String clientAddress);

  void failed(String userName, String clientAddress);

  void succeeded(String userName, String clientAddress);
}
