package org.ganymede.security;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The resolved cookie secret and where it came from; {@link #toString} never shows the bytes. */
public final class CookieSecret {
  /** Where the secret came from, in JupyterHub's order of precedence. */
  public enum Origin {
    CONFIG,
    ENVIRONMENT,
    FILE,
    GENERATED
  }

  private final byte[] bytes;
  private final Origin origin;
  private final Optional<Path> file;

  CookieSecret(byte[] bytes, Origin origin, Optional<Path> file) {
    this.bytes = bytes.clone();
    this.origin = Objects.requireNonNull(origin);
    this.file = Objects.requireNonNull(file);
  }

  /** A copy of the secret's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public Origin origin() {
    return origin;
  }

  /** The file it was read from or written to, for FILE and GENERATED. */
  public Optional<Path> file() {
    return file;
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "CookieSecret[" + bytes.length + " bytes from " + origin
        + file.map(f -> " " + f).orElse("") + "]";
  }
}
