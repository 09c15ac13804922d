package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: with untrusted users, servers on their own subdomains so one user's pages cannot script another's. */
final class SubdomainHostCheck implements Check {
  public String id() { return "subdomain-host"; }

  public Finding run(AuditContext c) {
    String host = c.config().hub().subdomainHost();
    if (!host.isEmpty()) return Finding.pass(id(), "user servers are isolated on subdomains of " + host + ".");
    return Finding.warn(id(), "JupyterHub.subdomain_host is not set: all servers share one origin, so a user's HTML can act on another's server when visited.",
        "if users are not trusted, set c.JupyterHub.subdomain_host = 'https://hub.example.org' with a wildcard DNS record and certificate.");
  }
}
