package org.ganymede.app.audit;

/**
 * One line of the audit.
 *
 * @param check the check's id, e.g. {@code tls}
 * @param why what was found, naming the setting or file
 * @param fix the exact change to make; empty for PASS
 */
public record Finding(String check, Status status, String why, String fix) {
  static Finding pass(String check, String why) {
    return new Finding(check, Status.PASS, why, "");
  }

  static Finding warn(String check, String why, String fix) {
    return new Finding(check, Status.WARN, why, fix);
  }

  static Finding fail(String check, String why, String fix) {
    return new Finding(check, Status.FAIL, why, fix);
  }

  String line() {
    return String.format("%-4s %-22s %s%s", status, check, why, fix.isEmpty() ? "" : " Fix: " + fix);
  }
}
