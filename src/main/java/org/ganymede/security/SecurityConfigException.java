package org.ganymede.security;

/**
 * A secret that cannot be used as configured: a bad cookie secret, a secret file with loose
 * permissions or the wrong owner. The message names the file or variable and the fix, never the
 * secret. The hub refuses to start on it.
 */
public final class SecurityConfigException extends RuntimeException {
  public SecurityConfigException(String message) {
    super(message);
  }

  public SecurityConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
