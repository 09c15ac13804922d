package org.ganymede.rbac;

/** A scope, filter or role definition that is not valid; the message names it and the fix. */
public final class RbacException extends RuntimeException {
  public RbacException(String message) {
    super(message);
  }
}
