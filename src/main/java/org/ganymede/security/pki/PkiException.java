package org.ganymede.security.pki;

/** A certificate or key that cannot be made, read or written; the message names the file and the fix. */
public final class PkiException extends RuntimeException {
  public PkiException(String message) {
    super(message);
  }

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
