package org.ganymede.app.audit;

import java.nio.file.Files;

/** Trusted CI's review: SELinux enforcing where it exists. */
final class SelinuxCheck implements Check {
  public String id() { return "selinux"; }

  public Finding run(AuditContext c) {
    var file = c.host().selinuxEnforce();
    if (!Files.exists(file)) return Finding.pass(id(), "SELinux is not present on this host.");
    try {
      String mode = Files.readString(file).strip();
      if (mode.equals("1")) return Finding.pass(id(), "SELinux is enforcing.");
      return Finding.warn(id(), "SELinux is permissive.", "setenforce 1 and set SELINUX=enforcing in /etc/selinux/config.");
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + file + ".", "check with: getenforce");
    }
  }
}
