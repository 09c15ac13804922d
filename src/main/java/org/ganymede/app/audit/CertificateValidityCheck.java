package org.ganymede.app.audit;

import java.time.Clock;
import java.time.Duration;
import org.ganymede.app.check.Finding;
import org.ganymede.security.pki.Pem;
import org.ganymede.security.pki.PkiException;

/** The configured certificate must stay valid for more than 14 days (renewal has time to happen). */
final class CertificateValidityCheck implements Check {
  static final Duration MARGIN = Duration.ofDays(14);
  private final Clock clock;

  CertificateValidityCheck(Clock clock) {
    this.clock = clock;
  }

  public String id() { return "certificate-validity"; }

  public Finding run(AuditContext c) {
    String cert = c.config().hub().sslCert();
    if (cert.isEmpty()) return Finding.pass(id(), "no configured certificate to check.");
    try {
      var leaf = Pem.readCertificates(c.resolve(cert)).get(0);
      var end = leaf.getNotAfter().toInstant();
      long days = Duration.between(clock.instant(), end).toDays();
      if (end.isBefore(clock.instant().plus(MARGIN))) {
        return Finding.fail(id(), cert + " expires " + end + " (" + days + " days).",
            "renew it (e.g. certbot renew) and restart the hub.");
      }
      return Finding.pass(id(), cert + " is valid until " + end + " (" + days + " days).");
    } catch (PkiException e) {
      return Finding.fail(id(), e.getMessage(), "point c.JupyterHub.ssl_cert at a PEM certificate chain.");
    }
  }
}
