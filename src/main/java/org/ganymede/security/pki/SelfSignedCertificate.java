package org.ganymede.security.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ganymede.security.SecretFiles;

/**
 * The public certificate the hub makes for itself when it serves a non-loopback address and no
 * {@code JupyterHub.ssl_cert} is given: EC P-256, valid one year, SANs for the host name and
 * addresses, kept in the data directory and reused on restart so browsers' exceptions and pinned
 * fingerprints survive. Made anew when missing, when it expires within {@link #RENEW_BEFORE},
 * or when a requested name is not in it.
 */
public final class SelfSignedCertificate {
  public static final String KEY_FILE = "ganymede-selfsigned.key";
  public static final String CERT_FILE = "ganymede-selfsigned.crt";
  public static final Duration VALIDITY = Duration.ofDays(365);
  public static final Duration RENEW_BEFORE = Duration.ofDays(14);

  /** @param generated true when this call made a new key and certificate */
  public record Outcome(TlsFiles files, boolean generated) {}

  private SelfSignedCertificate() {}

  /**
   * The certificate in {@code dir}, made first when needed.
   *
   * @param sans DNS names and IP literals the certificate must cover; the first is its CN
   */
  public static Outcome ensure(Path dir, List<String> sans, Clock clock) {
    Path key = dir.resolve(KEY_FILE);
    Path cert = dir.resolve(CERT_FILE);
    Instant now = clock.instant();
    if (Files.exists(key) && Files.exists(cert)) {
      SecretFiles.checkSafe(key, "self-signed TLS key");
      X509Certificate existing = Pem.readCertificates(cert).get(0);
      if (stillGood(existing, sans, now)) {
        return new Outcome(files(key, cert, existing), false);
      }
    }
    KeyPair keys = CertificateMaker.newKeyPair();
    X509Certificate made = CertificateMaker.leaf(keys.getPublic(), sans.get(0), sans,
        CertificateMaker.name(sans.get(0)), keys.getPrivate(), now, VALIDITY);
    PkiFiles.writePrivate(key, Pem.privateKey(keys.getPrivate()));
    PkiFiles.writePublic(cert, Pem.certificates(List.of(made)));
    return new Outcome(files(key, cert, made), true);
  }

  private static boolean stillGood(X509Certificate c, List<String> sans, Instant now) {
    if (c.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
      return false;
    }
    return sansOf(c).containsAll(sans.stream().map(SelfSignedCertificate::normalised).toList());
  }

  private static String normalised(String san) {
    return CertificateMaker.normalised(san);
  }

  static Set<String> sansOf(X509Certificate c) {
    Set<String> out = new HashSet<>();
    try {
      if (c.getSubjectAlternativeNames() != null) {
        for (List<?> entry : c.getSubjectAlternativeNames()) {
          out.add(String.valueOf(entry.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    // The JDK prints IPv6 SANs in full form; "::1" is compared after the same normalisation.
    Set<String> normalised = new HashSet<>();
    out.forEach(s -> normalised.add(normalised(s)));
    return normalised;
  }

  static TlsFiles files(Path key, Path cert, X509Certificate leaf) {
    return new TlsFiles(key, cert, Fingerprints.sha256(leaf), leaf.getNotAfter().toInstant());
  }
}
