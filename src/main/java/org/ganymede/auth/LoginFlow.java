package org.ganymede.auth;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ganymede.model.UserName;

/**
 * The fixed login pipeline: authenticate → normalize → validate → blocked → allowed → admin.
 *
 * <p>Authenticators only check credentials; every rule about who may enter lives here, so all
 * authenticators behave the same way (JupyterHub's {@code get_authenticated_user}).
 */
public final class LoginFlow {
  private static final String WRONG = "Invalid username or password";

  private final Authenticator authenticator;
  private final LoginPolicy policy;
  private final Predicate<String> userExists;

  public LoginFlow(Authenticator authenticator, LoginPolicy policy, Predicate<String> userExists) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.userExists = userExists;
  }

  public LoginResult login(Credentials credentials) {
    Optional<Authenticator.Identity> identity = authenticator.authenticate(credentials);
    if (identity.isEmpty()) {
      return new LoginResult.Refused(WRONG, "wrong credentials for " + UserName.shorten(credentials.username()));
    }
    return decide(identity.get());
  }

  /** The policy part of the pipeline, for identities that already proved who they are. */
  public LoginResult decide(Authenticator.Identity identity) {
    String name = policy.normalize(identity.name());
    String problem = UserName.problem(name);
    if (!problem.isEmpty()) return new LoginResult.Refused("Invalid username: " + problem, problem);
    if (policy.usernamePattern().isPresent() && !policy.usernamePattern().get().matcher(name).matches()) {
      return new LoginResult.Refused("Invalid username: it does not match the allowed pattern",
          "user name " + UserName.shorten(name) + " does not match Authenticator.username_pattern");
    }
    if (policy.blockedUsers().contains(name)) {
      return new LoginResult.Refused(WRONG, "user " + name + " is in Authenticator.blocked_users");
    }
    // Identity providers say the groups with the identity (OAuth claims); others are asked by name.
    Set<String> groups = identity.groups().orElseGet(() -> needsGroups() ? authenticator.groupsOf(name) : Set.of());
    boolean admin = identity.admin().orElseGet(() -> policy.adminUsers().contains(name)
        || groups.stream().anyMatch(policy.adminGroups()::contains));
    // oauthenticator lets admins in (admin_groups members too) whatever the allow-lists say;
    // JupyterHub's own authenticators (PAM's admin_groups) admit by the allow-lists only.
    boolean fromProvider = identity.groups().isPresent();
    if (!(fromProvider && admin) && !allowed(name, groups)) {
      return new LoginResult.Refused(WRONG, "user " + name + " is not allowed (allowed_users, allowed_groups, "
          + "allow_all and allow_existing_users do not admit them)");
    }
    return new LoginResult.Allowed(name, admin, identity.groups(), identity.authState());
  }

  private boolean needsGroups() {
    return !policy.allowedGroups().isEmpty() || !policy.adminGroups().isEmpty();
  }

  private boolean allowed(String name, Set<String> groups) {
    return policy.allowAll()
        || policy.allowedUsers().contains(name)
        || policy.adminUsers().contains(name)
        || groups.stream().anyMatch(policy.allowedGroups()::contains)
        || (policy.allowExistingUsers() && userExists.test(name));
  }
}
