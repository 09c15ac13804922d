package org.ganymede.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.ganymede.auth.LoginPolicy;
import java.util.Set;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.config.OAuthSettings;
import org.ganymede.hub.SignedValues;
import org.ganymede.security.CookieSigner;
import org.ganymede.security.LoginThrottle;
import org.ganymede.web.LoginLimiter;

/** Adapters from config and {@code security} to the login pipeline's and the pages' small interfaces. */
final class LoginWiring {
  private LoginWiring() {}

  /**
   * The Authenticator traits as the login pipeline's policy, dynamic defaults resolved; where membership the provider's API confirms (GitHub allowed_organizations, GitLab
   * allowed_gitlab_groups) admits like allowed_groups: the authenticator reports those memberships
   * as the identity's groups.
   */
  static LoginPolicy policy(AuthenticatorSettings a, OAuthSettings oauth) {
    return policy(a, a.kind().oauth() ? oauth.providerAllowedGroups() : Set.of());
  }

  private static LoginPolicy policy(AuthenticatorSettings a, Set<String> providerGroups) {
    Set<String> allowedGroups = new java.util.HashSet<>(a.allowedGroups());
    allowedGroups.addAll(providerGroups);
    return new LoginPolicy(a.adminUsers(), a.allowedUsers(), a.blockedUsers(), a.effectiveAllowAll(),
        a.effectiveAllowExistingUsers(),
        a.usernamePattern().isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(a.usernamePattern())),
        a.usernameMap(), allowedGroups, a.adminGroups());
  }

  /** Failed-login throttling per user name and client address. */
  static LoginLimiter limiter(Clock clock) {
    LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.defaults(), clock);
    return new LoginLimiter() {
      @Override
      public OptionalInt retryAfter(String userName, String clientAddress) {
        var wait = throttle.retryAfterSeconds(userName, clientAddress);
        return wait.isPresent() ? OptionalInt.of((int) Math.max(1, wait.getAsLong())) : OptionalInt.empty();
      }

      @Override
      public void failed(String userName, String clientAddress) {
        throttle.recordFailure(userName, clientAddress);
      }

      @Override
      public void succeeded(String userName, String clientAddress) {
        throttle.recordSuccess(userName, clientAddress);
      }
    };
  }

  /** Cookie signing with the cookie secret, as the hub's sessions need it. */
  static SignedValues signedValues(CookieSigner signer) {
    return new SignedValues() {
      @Override
      public String sign(String name, String value) {
        return signer.sign(name, value);
      }

      @Override
      public Optional<String> verify(String name, String signed, Duration maxAge) {
        return signer.verify(name, signed, maxAge);
      }
    };
  }
}
