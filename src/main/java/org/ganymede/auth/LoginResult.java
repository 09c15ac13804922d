package org.ganymede.auth;

import java.util.Optional;
import java.util.Set;

/** The outcome of the login pipeline. */
public sealed interface LoginResult {
  /** Logged in as {@code name}; {@code groups} present only when the authenticator manages them. */
  record Allowed(String name, boolean admin, Optional<Set<String>> groups) implements LoginResult {}

  /**
   * Refused. {@code userMessage} is safe to show; {@code logReason} says why, with at most a
   * truncated user name.
   */
  record Refused(String userMessage, String logReason) implements LoginResult {}
}
