package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies cookie values with HMAC-SHA256 in Tornado's version-2 signed-value format
 * ({@code 2|1:0|10:<time>|<n>:<name>|<n>:<base64 value>|<hex mac>}), which is what JupyterHub
 * puts in {@code jupyterhub-hub-login}: with the same cookie secret, cookies issued by JupyterHub
 * stay valid after switching to Ganymede and back. The MAC covers the timestamp and the cookie
 * name, so a value signed for one cookie is refused for another. A different secret invalidates
 * every cookie.
 */
public final class CookieSigner {
  /** Signed values longer than this are refused unread: cookies are at most 4 KiB anyway. */
  static final int MAX_SIGNED_LENGTH = 8192;

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * @param secret the cookie secret, at least {@value CookieSecretSource#MIN_BYTES} bytes
   */
  public CookieSigner(byte[] secret, Clock clock) {
    if (secret.length < CookieSecretSource.MIN_BYTES) {
      throw new IllegalArgumentException("cookie secret has " + secret.length + " bytes; need at least "
          + CookieSecretSource.MIN_BYTES);
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
  }

  public CookieSigner(byte[] secret) {
    this(secret, Clock.systemUTC());
  }

  /** {@code value} signed for cookie {@code name}, stamped with the current time. */
  public String sign(String name, String value) {
    String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String toSign = "2|" + field("0") + field(timestamp) + field(name) + field(encoded);
    return toSign + mac(toSign);
  }

  /**
   * The value inside {@code signed} if it was signed with this secret for cookie {@code name} no
   * longer than {@code maxAge} ago; empty for anything else (tampered, expired, other name,
   * malformed), without saying which: the caller treats all of them as "no cookie".
   */
  public Optional<String> verify(String name, String signed, Duration maxAge) {
    if (signed.length() > MAX_SIGNED_LENGTH || !signed.startsWith("2|")) {
      return Optional.empty();
    }
    Fields fields = Fields.parse(signed.substring(2));
    if (fields == null) {
      return Optional.empty();
    }
    String signedPart = signed.substring(0, signed.length() - fields.mac().length());
    byte[] expected = mac(signedPart).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, fields.mac().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    if (!fields.name().equals(name)) {
      return Optional.empty();
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(fields.timestamp());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    long now = clock.instant().getEpochSecond();
    if (timestamp < now - maxAge.toSeconds()) {
      return Optional.empty();
    }
    try {
      byte[] value = Base64.getDecoder().decode(fields.value());
      return Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String field(String s) {
    return s.length() + ":" + s + "|";
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }

  /** The length-prefixed fields after {@code 2|}; null when malformed (local use only). */
  private record Fields(String keyVersion, String timestamp, String name, String value, String mac) {
    static Fields parse(String rest) {
      String[] out = new String[4];
      int pos = 0;
      for (int i = 0; i < 4; i++) {
        int colon = rest.indexOf(':', pos);
        if (colon < 0 || colon - pos > 5 || colon == pos) {
          return null;
        }
        int length;
        try {
          length = Integer.parseInt(rest, pos, colon, 10);
        } catch (NumberFormatException e) {
          return null;
        }
        int end = colon + 1 + length;
        if (length < 0 || end >= rest.length() || rest.charAt(end) != '|') {
          return null;
        }
        out[i] = rest.substring(colon + 1, end);
        pos = end + 1;
      }
      return new Fields(out[0], out[1], out[2], out[3], rest.substring(pos));
    }
  }
}
