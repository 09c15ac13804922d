package org.ganymede.app.audit;

import java.nio.file.Files;
import java.util.Arrays;
import org.ganymede.config.AuthenticatorKind;

/** Trusted CI's review: membership of {@code shadow} (to read password hashes) only when PAM login needs it. */
final class ShadowGroupCheck implements Check {
  public String id() { return "shadow-group"; }

  public Finding run(AuditContext c) {
    boolean member = false;
    try {
      for (String line : Files.readAllLines(c.host().groupFile())) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && f[0].equals("shadow")) member = Arrays.asList(f[3].split(",")).contains(c.host().userName());
      }
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + c.host().groupFile() + ".", "check with: id " + c.host().userName());
    }
    boolean pam = c.config().authenticator().kind() == AuthenticatorKind.PAM;
    if (member && !pam) {
      return Finding.fail(id(), c.host().userName() + " is in group shadow but PAM is not used: it can read every password hash.",
          "gpasswd -d " + c.host().userName() + " shadow");
    }
    return Finding.pass(id(), member ? "in group shadow, needed for PAM." : "not in group shadow.");
  }
}
