package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A token hash as JupyterHub stores it, {@code algorithm:rounds:salt:hexdigest}: the digest of
 * the salt followed by the token repeated {@code rounds} times ({@code jupyterhub.utils.hash_token}).
 * Tokens imported from a JupyterHub database keep this form, since their secrets are unknown;
 * they are checked by recomputing it, in constant time ({@code compare_token}).
 */
public record JupyterHubTokenHash(String algorithm, int rounds, String salt, String hexDigest) {
  /** hashlib's names of the algorithms JupyterHub can be configured with, as the JDK names them. */
  private static final Map<String, String> ALGORITHMS = Map.of("sha512", "SHA-512", "sha384", "SHA-384",
      "sha256", "SHA-256", "sha224", "SHA-224", "sha1", "SHA-1");

  /**
   * Above JupyterHub's 16384 rounds by far; a row asking for more is refused so that an imported
   * database cannot make every lookup of a token with its prefix expensive.
   */
  public static final int MAX_ROUNDS = 1_000_000;

  /** The hash in {@code stored}, or empty when it is not in JupyterHub's form (or not one this reads). */
  public static Optional<JupyterHubTokenHash> parse(String stored) {
    String[] parts = stored.split(":", -1);
    if (parts.length != 4 || !ALGORITHMS.containsKey(parts[0]) || !parts[3].matches("[0-9a-f]+")) {
      return Optional.empty();
    }
    int rounds;
    try {
      rounds = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (rounds < 1 || rounds > MAX_ROUNDS) return Optional.empty();
    return Optional.of(new JupyterHubTokenHash(parts[0], rounds, parts[2], parts[3]));
  }

  /** Whether {@code candidate} is the token this hash was made from. */
  public boolean matches(String candidate) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(ALGORITHMS.get(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
    md.update(salt.getBytes(StandardCharsets.UTF_8));
    byte[] token = candidate.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < rounds; i++) md.update(token);
    byte[] expected = HexFormat.of().parseHex(hexDigest.length() % 2 == 0 ? hexDigest : "0" + hexDigest);
    return MessageDigest.isEqual(expected, md.digest());
  }

  @Override
  public String toString() {
    return "JupyterHubTokenHash[" + algorithm + ":" + rounds + "]";
  }
}
