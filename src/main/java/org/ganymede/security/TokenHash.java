package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How a token is stored: its first four characters (to find candidate rows) and the SHA-256 of
 * the whole token. Generated tokens carry 128 random bits, so a fast hash is enough: there is
 * nothing to brute-force. Comparison is constant-time.
 *
 * @param prefix the first {@link Secrets#SHOWN_PREFIX} characters, safe to show and index
 * @param sha256 lower-case hex SHA-256 of the UTF-8 token
 */
public record TokenHash(String prefix, String sha256) {
  public TokenHash {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
  }

  public static TokenHash of(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("token is empty");
    }
    return new TokenHash(Secrets.prefix(token), HexFormat.of().formatHex(digest(token)));
  }

  /** Whether {@code candidate} is the token this hash was made from, in constant time. */
  public boolean matches(String candidate) {
    byte[] expected = HexFormat.of().parseHex(sha256);
    return MessageDigest.isEqual(expected, digest(candidate));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TokenHash[" + prefix + "…]";
  }
}
