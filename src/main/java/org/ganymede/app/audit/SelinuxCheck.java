package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;
import org.ganymede.app.check.SelinuxPolicy;

/** {@link SelinuxPolicy} from the kernel's mode file; listing modules needs root, so the module is not checked. */
final class SelinuxCheck implements Check {
  public String id() { return SelinuxPolicy.ID; }

  public Finding run(AuditContext c) {
    var file = c.host().selinuxEnforce();
    try {
      return SelinuxPolicy.judge(SelinuxPolicy.fromEnforceFile(file), SelinuxPolicy.Module.NOT_CHECKED, java.util.List.of());
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + file + ".", "check with: getenforce");
    }
  }
}
