package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: admin_access lets admins act inside users' servers; off, or announced to users. */
final class AdminAccessCheck implements Check {
  public String id() { return "admin-access"; }

  public Finding run(AuditContext c) {
    if (!c.config().hub().adminAccess()) return Finding.pass(id(), "JupyterHub.admin_access is off.");
    return Finding.warn(id(), "JupyterHub.admin_access is on: admins can open every user's server and files.",
        "set c.JupyterHub.admin_access = False, or announce it in the site's terms of use.");
  }
}
