package org.ganymede.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may log in and who is admin, from the {@code Authenticator} traits.
 *
 * @param allowAll {@code allow_all}, already resolved from its dynamic default
 * @param allowExistingUsers {@code allow_existing_users}, already resolved
 */
public record LoginPolicy(Set<String> adminUsers, Set<String> allowedUsers, Set<String> blockedUsers,
    boolean allowAll, boolean allowExistingUsers, Optional<Pattern> usernamePattern,
    Map<String, String> usernameMap, Set<String> allowedGroups, Set<String> adminGroups) {

  public LoginPolicy {
    adminUsers = Set.copyOf(adminUsers);
    allowedUsers = Set.copyOf(allowedUsers);
    blockedUsers = Set.copyOf(blockedUsers);
    usernameMap = Map.copyOf(usernameMap);
    allowedGroups = Set.copyOf(allowedGroups);
    adminGroups = Set.copyOf(adminGroups);
  }

  /** JupyterHub's default normalization: lower-case, then {@code username_map}. */
  public String normalize(String raw) {
    String lower = raw.toLowerCase(java.util.Locale.ROOT);
    return usernameMap.getOrDefault(lower, usernameMap.getOrDefault(raw, lower));
  }
}
