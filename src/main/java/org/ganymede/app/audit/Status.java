package org.ganymede.app.audit;

/** Outcome of one check, in increasing severity; the audit's exit code is the worst one's {@link #exitCode}. */
public enum Status {
  PASS(0), WARN(1), FAIL(2);

  final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }
}
