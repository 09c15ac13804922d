package org.ganymede.app.audit;

import java.nio.file.Files;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;
import org.ganymede.app.check.ShadowAccess;
import org.ganymede.config.AuthenticatorKind;

/** {@link ShadowAccess} for the user the audit runs as: the group file, and whether it can read the shadow file. */
final class ShadowGroupCheck implements Check {
  public String id() { return ShadowAccess.ID; }

  public Finding run(AuditContext c) {
    String user = c.host().userName();
    boolean member;
    try {
      member = Host.groupFileMembers(c.host().groupFile(), "shadow").contains(user);
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + c.host().groupFile() + ".", "check with: id " + user);
    }
    boolean pam = c.config().authenticator().kind() == AuthenticatorKind.PAM;
    return ShadowAccess.judge(user, pam, member, Files.isReadable(c.host().shadowFile()));
  }
}
