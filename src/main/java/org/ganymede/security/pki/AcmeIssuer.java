package org.ganymede.security.pki;

import java.time.Duration;
import java.util.List;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Obtains a certificate from an ACME CA with acme4j and the HTTP-01 challenge: publishes each
 * token in {@link AcmeChallenges} (served on port 80 by the redirect listener), triggers it, waits,
 * then finalises with the stored domain key and saves the chain.
 *
 * @param directory the CA, e.g. {@code https://acme-v02.api.letsencrypt.org/directory}
 * @param email contact for expiry notices
 * @param domains names the certificate covers; each must resolve to this host on port 80
 */
public record AcmeIssuer(AcmeDirectory directory, String email, List<String> domains, AcmeStore store, AcmeChallenges challenges)
    implements AcmeRenewal.Issuer {
  private static final Duration WAIT = Duration.ofMinutes(2);

  public AcmeIssuer {
    domains = List.copyOf(domains);
    if (domains.isEmpty()) throw new PkiException("ACME needs at least one domain name");
  }

  @Override
  public TlsFiles issue() {
    try {
      Session session = directory.session();
      var account = new AccountBuilder().agreeToTermsOfService().addEmail(email).useKeyPair(store.accountKeys())
          .create(session);
      Order order = account.newOrder().domains(domains).create();
      for (Authorization auth : order.getAuthorizations()) {
        if (auth.getStatus() == Status.VALID) continue;
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow(
            () -> new PkiException("the CA offers no HTTP-01 challenge for " + auth.getIdentifier().getDomain()));
        challenges.publish(challenge.getToken(), challenge.getAuthorization());
        try {
          challenge.trigger();
          Status status = challenge.waitForCompletion(WAIT);
          if (status != Status.VALID) {
            throw new PkiException("HTTP-01 challenge for " + auth.getIdentifier().getDomain() + " ended " + status
                + challenge.getError().map(p -> ": " + p).orElse("")
                + "; check that http://" + auth.getIdentifier().getDomain() + "/.well-known/acme-challenge/ reaches the"
                + " redirect port (JupyterHub.redirect_port, usually 80)");
          }
        } finally {
          challenges.remove(challenge.getToken());
        }
      }
      order.waitUntilReady(WAIT);
      order.execute(store.domainKeys());
      Status done = order.waitForCompletion(WAIT);
      if (done != Status.VALID) throw new PkiException("ACME order ended " + done + order.getError().map(p -> ": " + p).orElse(""));
      return store.save(order.getCertificate().getCertificateChain());
    } catch (AcmeException e) {
      throw new PkiException("ACME request to " + directory.url() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PkiException("interrupted while waiting for the ACME CA", e);
    }
  }
}
