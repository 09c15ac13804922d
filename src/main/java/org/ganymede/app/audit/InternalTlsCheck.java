package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: traffic between hub, proxy and servers encrypted and authenticated. */
final class InternalTlsCheck implements Check {
  public String id() { return "internal-tls"; }

  public Finding run(AuditContext c) {
    if (c.config().hub().internalSsl()) return Finding.pass(id(), "JupyterHub.internal_ssl is on.");
    return Finding.warn(id(), "JupyterHub.internal_ssl is off: other local users can talk to user servers' ports.",
        "set c.JupyterHub.internal_ssl = True.");
  }
}
