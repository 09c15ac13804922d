package org.ganymede.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The outcome of the login pipeline. */
public sealed interface LoginResult {
  /**
   * Logged in as {@code name}; {@code groups} present only when the authenticator manages them;
   * {@code authState} as the authenticator returned it (the hub keeps it only with {@code enable_auth_state}).
   */
  record Allowed(String name, boolean admin, Optional<Set<String>> groups, Optional<Map<String, Object>> authState)
      implements LoginResult {
    public Allowed {
      authState = authState.map(AuthState::copy);
    }

    public Allowed(String name, boolean admin, Optional<Set<String>> groups) {
      this(name, admin, groups, Optional.empty());
    }

    @Override
    public String toString() {
      return "Allowed[" + name + ", admin=" + admin + ", groups=" + groups + ", " + AuthState.describe(authState) + "]";
    }
  }

  /**
   * Refused. {@code userMessage} is safe to show; {@code logReason} says why, with at most a
   * truncated user name.
   */
  record Refused(String userMessage, String logReason) implements LoginResult {}
}
