package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: "HTTPS is enabled" — the public listener must use TLS unless only loopback is served. */
final class TlsCheck implements Check {
  public String id() { return "tls"; }

  public Finding run(AuditContext c) {
    var hub = c.config().hub();
    if (hub.usesSsl()) return Finding.pass(id(), "public listener uses JupyterHub.ssl_cert " + hub.sslCert() + ".");
    if (!hub.letsencryptDomains().isEmpty()) {
      return Finding.pass(id(), "public listener uses Let's Encrypt for " + hub.letsencryptDomains() + ".");
    }
    if (hub.confirmNoSsl()) {
      return Finding.warn(id(), "plain HTTP with --no-ssl (JupyterHub.confirm_no_ssl): only safe behind a TLS-terminating proxy.",
          "make sure the reverse proxy serves https and forwards only to " + (hub.ip().isEmpty() ? "this host" : hub.ip())
              + "; or set c.JupyterHub.ssl_cert and c.JupyterHub.ssl_key.");
    }
    if (org.ganymede.app.audit.Loopback.is(hub.ip())) return Finding.pass(id(), "plain HTTP, but only on loopback " + hub.ip() + ".");
    return Finding.warn(id(), "no JupyterHub.ssl_cert: the hub serves a self-signed certificate that browsers warn about.",
        "set c.JupyterHub.ssl_cert = '/etc/letsencrypt/live/<host>/fullchain.pem' and c.JupyterHub.ssl_key = "
            + "'/etc/letsencrypt/live/<host>/privkey.pem'.");
  }
}
