package org.ganymede.app.setup;

/** A setup or doctor step cannot go on; the message names the step, what failed and the fix. */
public final class SetupException extends RuntimeException {
  public SetupException(String message) {
    super(message);
  }
}
