package org.ganymede.security;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets and the one safe way to mention a secret in a log. */
public final class Secrets {
  /** How many leading characters of a token may be shown; the same as the stored lookup prefix. */
  public static final int SHOWN_PREFIX = 4;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** At most the first four characters of {@code token}, for logs and token listings. */
  public static String prefix(String token) {
    return token.length() <= SHOWN_PREFIX ? token : token.substring(0, SHOWN_PREFIX);
  }

  /** {@code n} bytes from a {@link SecureRandom}. */
  public static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** {@code n} random bytes as lower-case hex ({@code 2n} characters). */
  public static String randomHex(int n) {
    return HexFormat.of().formatHex(randomBytes(n));
  }
}
