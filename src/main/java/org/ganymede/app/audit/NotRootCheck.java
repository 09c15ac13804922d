package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: the hub should not run as root; sudo mode gives it only the helper. */
final class NotRootCheck implements Check {
  public String id() { return "not-root"; }

  public Finding run(AuditContext c) {
    if (c.host().uid() != 0) return Finding.pass(id(), "hub runs as " + c.host().userName() + " (uid " + c.host().uid() + ").");
    return Finding.fail(id(), "hub runs as root: any hub bug is a root compromise.",
        "run it as a dedicated user (ganymede setup creates one) with c.JupyterHub.spawner_class = 'sudo'.");
  }
}
