package org.ganymede.spawn;

/**
 * A server could not be started or stopped. The message names the server, what failed and, where
 * there is one, the fix; it is meant to be shown to the user as is and never carries secrets.
 */
public class SpawnException extends RuntimeException {
  public SpawnException(String message) {
    super(message);
  }

  public SpawnException(String message, Throwable cause) {
    super(message, cause);
  }
}
