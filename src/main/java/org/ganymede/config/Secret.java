package org.ganymede.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret bytes (cookie secret, tokens, passwords). Immutable: the array is copied in and out.
 * {@link #toString()} prints only the length, so a secret cannot leak through a log or a report.
 */
public record Secret(byte[] bytes) {
  public Secret {
    bytes = bytes.clone();
  }

  public static Secret ofText(String text) {
    return new Secret(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The secret as UTF-8 text, for tokens and passwords. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    // constant time: secrets are compared against user input elsewhere
    return o instanceof Secret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "<secret, " + bytes.length + " bytes>";
  }
}
