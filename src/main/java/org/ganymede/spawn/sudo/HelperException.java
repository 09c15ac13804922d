package org.ganymede.spawn.sudo;

/** The spawn helper refuses a request; the message goes back to the hub as {@code {"error": ...}}. */
final class HelperException extends RuntimeException {
  HelperException(String message) {
    super(message);
  }
}
