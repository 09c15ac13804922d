package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: users' own Jupyter config must not override the hub's settings in their servers. */
final class DisableUserConfigCheck implements Check {
  public String id() { return "disable-user-config"; }

  public Finding run(AuditContext c) {
    if (c.config().spawner().disableUserConfig()) return Finding.pass(id(), "Spawner.disable_user_config is on.");
    return Finding.fail(id(), "Spawner.disable_user_config is off: a user's ~/.jupyter config can change their server's security settings.",
        "set c.Spawner.disable_user_config = True.");
  }
}
