package org.ganymede.rbac;

import java.util.List;

/**
 * The answer of an {@link AccessCheck}: allowed (unfiltered or for the one resource asked about),
 * not found (the scope is held but filtered to other resources: 404 hides whether it exists), or
 * forbidden (403).
 *
 * @param grantedBy the scope that allowed the request, empty text when refused
 * @param required the scopes any of which would have allowed it
 */
public record Decision(Outcome outcome, String grantedBy, List<String> required) {
  public enum Outcome {
    ALLOWED_UNFILTERED,
    ALLOWED_FOR_RESOURCE,
    NOT_FOUND,
    FORBIDDEN
  }

  public Decision {
    required = List.copyOf(required);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED_UNFILTERED || outcome == Outcome.ALLOWED_FOR_RESOURCE;
  }

  /** 200 when allowed, else JupyterHub's status: 404 or 403. */
  public int httpStatus() {
    return switch (outcome) {
      case ALLOWED_UNFILTERED, ALLOWED_FOR_RESOURCE -> 200;
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
    };
  }

  /** JupyterHub's messages for refusals, so clients that match on text keep working. */
  public String message() {
    return switch (outcome) {
      case ALLOWED_UNFILTERED, ALLOWED_FOR_RESOURCE -> "allowed by " + grantedBy;
      case NOT_FOUND -> "No access to resources or resources not found";
      case FORBIDDEN -> "Action is not authorized with current scopes; requires any of ["
          + String.join(", ", required) + "]";
    };
  }
}
