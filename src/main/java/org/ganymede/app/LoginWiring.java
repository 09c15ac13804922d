package org.ganymede.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.ganymede.auth.LoginPolicy;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.hub.SignedValues;
import org.ganymede.security.CookieSigner;
import org.ganymede.security.LoginThrottle;
import org.ganymede.web.LoginLimiter;

/** Adapters from config and {@code security} to the login pipeline's and the pages' small interfaces. */
final class LoginWiring {
  private LoginWiring() {}

  /** The Authenticator traits as the login pipeline's policy, dynamic defaults resolved. */
  static LoginPolicy policy(AuthenticatorSettings a) {
    return new LoginPolicy(a.adminUsers(), a.allowedUsers(), a.blockedUsers(), a.effectiveAllowAll(),
        a.effectiveAllowExistingUsers(),
        a.usernamePattern().isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(a.usernamePattern())),
        a.usernameMap(), a.allowedGroups(), a.adminGroups());
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
