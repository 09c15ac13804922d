package org.ganymede.security.pki;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Where the ACME CA is and which certificates its HTTPS endpoint may present: the system's
 * trust store for public CAs (Let's Encrypt), or a PEM bundle for a private ACME CA (step-ca,
 * an enterprise CA, or Pebble in the tests).
 *
 * @param url an {@code https://…/directory} URL or an acme4j provider URI such as {@code acme://letsencrypt.org}
 * @param caBundle PEM CA certificates to trust instead of the system's, for {@code https} URLs only
 */
public record AcmeDirectory(URI url, Optional<Path> caBundle) {

  /** Checks the bundle at start, so a wrong path is a start-up error rather than a failed renewal hours later. */
  public AcmeDirectory {
    if (caBundle.isPresent()) {
      if (!"https".equals(url.getScheme())) {
        throw new PkiException("acme_ca_bundle needs an https:// ACME directory URL, not " + url);
      }
      TlsContexts.trusting(caBundle.get());
    }
  }

  /** A new acme4j session for this directory. */
  Session session() {
    return caBundle.map(bundle -> new Session(url, new TrustingProvider(TlsContexts.trusting(bundle))))
        .orElseGet(() -> new Session(url));
  }

  /** acme4j's provider for a plain directory URL, with its HTTP client trusting only the bundle. */
  private static final class TrustingProvider extends GenericAcmeProvider {
    private final SSLContext trust;

    TrustingProvider(SSLContext trust) {
      this.trust = trust;
    }

    @Override
    protected HttpConnector createHttpConnector(NetworkSettings settings) {
      return new HttpConnector(settings) {
        @Override
        public HttpClient.Builder createClientBuilder() {
          return super.createClientBuilder().sslContext(trust);
        }
      };
    }
  }
}
