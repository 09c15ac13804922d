package org.ganymede.security.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints in the {@code AB:CD:…} form browsers and {@code openssl x509 -fingerprint} show. */
public final class Fingerprints {
  private Fingerprints() {}

  public static String sha256(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot fingerprint " + certificate.getSubjectX500Principal() + ": " + e, e);
    }
  }
}
