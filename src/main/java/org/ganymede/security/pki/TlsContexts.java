package org.ganymede.security.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK {@link SSLContext}s from PEM files, for the hub's own HTTPS calls on the internal network. */
public final class TlsContexts {
  private TlsContexts() {}

  /** A client that presents {@code identity} and trusts only the certificates in {@code caCertificate}. */
  public static SSLContext client(TlsFiles identity, Path caCertificate) {
    try {
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, none);
      List<X509Certificate> chain = Pem.readCertificates(identity.certificate());
      keys.setKeyEntry("identity", Pem.readPrivateKey(identity.key()), none, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trustOnly(caCertificate).getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new PkiException("cannot build a TLS client from " + identity.certificate() + " and " + caCertificate
          + ": " + e.getMessage(), e);
    }
  }

  /** A client without an identity that trusts only the certificates in {@code caBundle}. */
  public static SSLContext trusting(Path caBundle) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustOnly(caBundle).getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new PkiException("cannot trust the CA certificates in " + caBundle + ": " + e.getMessage(), e);
    }
  }

  private static TrustManagerFactory trustOnly(Path caBundle) throws GeneralSecurityException, java.io.IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, new char[0]);
    int i = 0;
    for (X509Certificate ca : Pem.readCertificates(caBundle)) trust.setCertificateEntry("ca" + i++, ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }
}
