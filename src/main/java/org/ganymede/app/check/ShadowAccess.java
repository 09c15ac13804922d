package org.ganymede.app.check;

/**
 * Who may read {@code /etc/shadow} (Trusted CI's review): the hub must when it logs users in with
 * PAM (pam_unix reads the hashes; without it, unix_chkpwd checks only the caller's own password),
 * and must not be in group {@code shadow} otherwise — it could read every password hash. Audit
 * reads {@code /etc/group} and tries the file as the user it runs as; doctor asks {@code id} and
 * tries the file as the service user.
 */
public final class ShadowAccess {
  public static final String ID = "shadow-group";

  private ShadowAccess() {}

  public static Finding judge(String user, boolean usesPam, boolean inShadowGroup, boolean canReadShadow) {
    if (!usesPam) {
      return inShadowGroup
          ? Finding.fail(ID, user + " is in group shadow but PAM is not used: it can read every password hash.",
              "gpasswd -d " + user + " shadow")
          : Finding.pass(ID, user + " is not in group shadow (PAM is not used).");
    }
    if (canReadShadow) {
      return Finding.pass(ID, user + " can read /etc/shadow" + (inShadowGroup ? " (group shadow)" : "") + ", which PAM needs.");
    }
    return inShadowGroup
        ? Finding.fail(ID, user + " is in group shadow but cannot read /etc/shadow, so PAM refuses every other user.",
            "chgrp shadow /etc/shadow && chmod 0640 /etc/shadow (Debian's modes)")
        : Finding.fail(ID, user + " cannot read /etc/shadow, so PAM refuses every other user.", "usermod -aG shadow " + user);
  }
}
