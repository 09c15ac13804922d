package org.ganymede.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated, normalized hub user name.
 *
 * <p>Safe names are 1–255 characters of lower-case letters, digits and {@code . _ @ + -}, starting
 * with a letter or digit; they are safe in URLs, file names, proxy routes and Unix account names.
 */
public record UserName(String value) implements Comparable<UserName> {
  private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,254}");

  public UserName {
    Objects.requireNonNull(value, "value");
    if (!SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(problem(value));
    }
  }

  /** Returns why {@code raw} is not a safe name, or empty text when it is. */
  public static String problem(String raw) {
    if (raw.isEmpty()) return "user name is empty";
    if (raw.length() > 255) return "user name is longer than 255 characters";
    if (SAFE.matcher(raw).matches()) return "";
    return "user name '" + shorten(raw) + "' may only contain lower-case letters, digits and . _ @ + -, "
        + "and must start with a letter or digit";
  }

  public static boolean isValid(String raw) {
    return raw != null && SAFE.matcher(raw).matches();
  }

  /**
   * At most 32 characters of an untrusted name, for logs and messages, with control characters
   * escaped so a name cannot forge log lines (GHSA-p43p-whwx-q52h).
   */
  public static String shorten(String raw) {
    String cut = raw.length() <= 32 ? raw : raw.substring(0, 32) + "…";
    StringBuilder out = new StringBuilder(cut.length());
    for (char ch : cut.toCharArray()) {
      switch (ch) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x7f) out.append(String.format("\\x%02x", (int) ch));
          else out.append(ch);
        }
      }
    }
    return out.toString();
  }

  @Override
  public int compareTo(UserName o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
