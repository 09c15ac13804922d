package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;
import org.ganymede.config.AuthenticatorKind;

/** Trusted CI's review: logins limited to named users or groups; never every system account through PAM. */
final class AllowedUsersCheck implements Check {
  public String id() { return "allowed-users"; }

  public Finding run(AuditContext c) {
    var a = c.config().authenticator();
    if (a.effectiveAllowAll()) {
      String why = "Authenticator.allow_all is on: every account that can authenticate may log in.";
      String fix = "set c.Authenticator.allowed_users = {...} or c.PAMAuthenticator.allowed_groups = {'jupyterhub-users'}.";
      return a.kind() == AuthenticatorKind.PAM ? Finding.fail(id(), why + " With PAM that is every system account.", fix)
          : Finding.warn(id(), why, fix);
    }
    if (a.allowedUsers().isEmpty() && a.allowedGroups().isEmpty() && a.adminUsers().isEmpty()) {
      return Finding.pass(id(), "no allowed users or groups: nobody can log in yet.");
    }
    return Finding.pass(id(), "logins limited to " + a.allowedUsers().size() + " users and " + a.allowedGroups().size() + " groups.");
  }
}
