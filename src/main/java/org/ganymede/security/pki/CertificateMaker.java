package org.ganymede.security.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes EC P-256 key pairs and X.509 v3 certificates with Bouncy Castle. */
final class CertificateMaker {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private CertificateMaker() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException("this JVM cannot make EC P-256 keys: " + e, e);
    }
  }

  static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Ganymede").addRDN(BCStyle.CN, commonName).build();
  }

  /** A self-signed CA certificate (basicConstraints CA, pathlen 0). */
  static X509Certificate caCertificate(KeyPair keys, String commonName, Instant now, Duration validity) {
    return build(name(commonName), keys.getPublic(), name(commonName), keys.getPrivate(), now, validity,
        List.of(), true);
  }

  /** A TLS certificate for both server and client use, with the given SANs. */
  static X509Certificate leaf(PublicKey subjectKey, String commonName, List<String> sans, X500Name issuer,
      PrivateKey issuerKey, Instant now, Duration validity) {
    return build(name(commonName), subjectKey, issuer, issuerKey, now, validity, sans, false);
  }

  private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
      Instant now, Duration validity, List<String> sans, boolean ca) {
    try {
      // Backdated an hour so clocks that are slightly behind still accept a fresh certificate.
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, subjectKey);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        if (!sans.isEmpty()) {
          b.addExtension(Extension.subjectAlternativeName, false, generalNames(sans));
        }
      }
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new PkiException("cannot make a certificate for " + subject + ": " + e, e);
    }
  }

  private static GeneralNames generalNames(List<String> sans) {
    List<GeneralName> names = new ArrayList<>();
    for (String san : sans) {
      names.add(isIp(san) ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  static boolean isIp(String san) {
    if (!IP_LITERAL.matcher(san).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(san); // a literal by the check above, so no name lookup happens
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The canonical text of an IP literal (e.g. {@code 0:0:0:0:0:0:0:1}), or the lower-cased DNS name. */
  static String normalised(String san) {
    if (!isIp(san)) {
      return san.toLowerCase(java.util.Locale.ROOT);
    }
    try {
      return InetAddress.getByName(san).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return san;
    }
  }
}
