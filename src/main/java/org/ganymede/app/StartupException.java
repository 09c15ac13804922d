package org.ganymede.app;

/** The hub cannot start; the message says why and how to fix it. */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }
}
