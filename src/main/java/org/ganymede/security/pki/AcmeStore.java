package org.ganymede.security.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.ganymede.security.SecretFiles;

/**
 * Where ACME state lives ({@code <data>/acme/}, mode 0700): the account key and the domain key
 * (0600, made once and reused, so the account survives restarts), and the certificate chain
 * ({@code fullchain.pem}, 0644).
 */
public final class AcmeStore {
  private final Path dir;

  public AcmeStore(Path dir) {
    this.dir = dir;
  }

  public Path accountKeyFile() {
    return dir.resolve("account.key");
  }

  public Path domainKeyFile() {
    return dir.resolve("domain.key");
  }

  public Path certificateFile() {
    return dir.resolve("fullchain.pem");
  }

  public KeyPair accountKeys() {
    return keys(accountKeyFile(), "ACME account key");
  }

  public KeyPair domainKeys() {
    return keys(domainKeyFile(), "ACME domain key");
  }

  /** The stored certificate, when there is one. */
  public Optional<TlsFiles> current() {
    if (!Files.exists(certificateFile()) || !Files.exists(domainKeyFile())) return Optional.empty();
    X509Certificate leaf = Pem.readCertificates(certificateFile()).get(0);
    return Optional.of(SelfSignedCertificate.files(domainKeyFile(), certificateFile(), leaf));
  }

  /** Stores a new chain (leaf first) atomically. */
  public TlsFiles save(List<X509Certificate> chain) {
    PkiFiles.privateDirectory(dir);
    PkiFiles.writePublic(certificateFile(), Pem.certificates(chain));
    return SelfSignedCertificate.files(domainKeyFile(), certificateFile(), chain.get(0));
  }

  private KeyPair keys(Path file, String what) {
    PkiFiles.privateDirectory(dir);
    if (!Files.exists(file)) {
      KeyPair made = rsa2048();
      PkiFiles.writePrivate(file, Pem.privateKey(made.getPrivate()));
      return made;
    }
    SecretFiles.checkSafe(file, what);
    PrivateKey key = Pem.readPrivateKey(file);
    return new KeyPair(publicOf(key), key);
  }

  /** RSA 2048: what every ACME CA accepts for accounts and certificates. */
  private static KeyPair rsa2048() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new PkiException("cannot make an RSA key: " + e, e);
    }
  }

  private static java.security.PublicKey publicOf(PrivateKey key) {
    try {
      if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
        return java.security.KeyFactory.getInstance("RSA")
            .generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      throw new PkiException("ACME keys must be RSA; got " + key.getAlgorithm() + ". Delete the key file to make a new one");
    } catch (java.security.GeneralSecurityException e) {
      throw new PkiException("cannot derive the public key: " + e, e);
    }
  }
}
