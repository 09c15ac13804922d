package org.ganymede.app.check;

/**
 * Outcome of one check, in increasing severity. WARN: it works but is weaker than it should be;
 * FAIL: it is unsafe or does not work. What each means for an exit code is the command's business.
 */
public enum Status {
  PASS, WARN, FAIL
}
