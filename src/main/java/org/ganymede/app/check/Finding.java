package org.ganymede.app.check;

/**
 * One result of a host or configuration check: a line of {@code ganymede audit} and of
 * {@code ganymede doctor}, each command rendering it in its own documented format.
 *
 * @param check the check's id, e.g. {@code tls}; a check both commands run has the same id in both
 * @param why what was found, naming the setting or file
 * @param fix the exact change to make; empty for PASS
 */
public record Finding(String check, Status status, String why, String fix) {
  public static Finding pass(String check, String why) {
    return new Finding(check, Status.PASS, why, "");
  }

  public static Finding warn(String check, String why, String fix) {
    return new Finding(check, Status.WARN, why, fix);
  }

  public static Finding fail(String check, String why, String fix) {
    return new Finding(check, Status.FAIL, why, fix);
  }
}
