package org.ganymede.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text for keys (PKCS#8 {@code PRIVATE KEY}, which Vert.x, OpenSSL and Python's ssl all read)
 * and certificates, written without Bouncy Castle's PEM writer so the format is fixed.
 */
public final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private Pem() {}

  static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  static String certificates(List<X509Certificate> chain) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        out.append(block("CERTIFICATE", c.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new PkiException("cannot encode certificate " + c.getSubjectX500Principal() + ": " + e, e);
      }
    }
    return out.toString();
  }

  private static String block(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** The certificates of a PEM file, leaf first; refuses a file without any. */
  public static List<X509Certificate> readCertificates(Path file) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (byte[] der : blocks(Files.readString(file), "CERTIFICATE")) {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
      if (out.isEmpty()) {
        throw new PkiException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); give a PEM file");
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  /** The PKCS#8 EC or RSA key of a PEM file. */
  static PrivateKey readPrivateKey(Path file) {
    try {
      List<byte[]> keys = blocks(Files.readString(file), "PRIVATE KEY");
      if (keys.isEmpty()) {
        throw new PkiException(file + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
      }
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
      try {
        return KeyFactory.getInstance("EC").generatePrivate(spec);
      } catch (GeneralSecurityException notEc) {
        return KeyFactory.getInstance("RSA").generatePrivate(spec);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot read private key " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static List<byte[]> blocks(String text, String type) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }
}
