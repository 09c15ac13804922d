package org.ganymede.model;

import java.util.regex.Pattern;

/** A server name: empty for the default server, otherwise 1–255 URL-safe characters. */
public record ServerName(String value) {
  public static final ServerName DEFAULT = new ServerName("");
  private static final Pattern SAFE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._~-]{0,254}");

  public ServerName {
    if (!value.isEmpty() && !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "server name '" + UserName.shorten(value) + "' may only contain letters, digits and . _ ~ -");
    }
  }

  public boolean isDefault() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return value;
  }
}
