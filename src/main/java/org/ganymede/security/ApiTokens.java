package org.ganymede.security;

/**
 * New API tokens: 32 lower-case hex characters (128 random bits), the shape of JupyterHub's
 * {@code uuid4().hex} tokens, so clients that check the format keep working.
 */
public final class ApiTokens {
  public static final int LENGTH = 32;

  private ApiTokens() {}

  public static String newToken() {
    return Secrets.randomHex(LENGTH / 2);
  }
}
