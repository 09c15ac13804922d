package org.ganymede.security.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.ganymede.security.SecretFiles;

/**
 * The internal certificate authority of {@code JupyterHub.internal_ssl}.
 *
 * <p>Decision: one CA instead of JupyterHub's five. Every internal party (hub API, proxy API,
 * proxy client, servers) presents a certificate from this CA and trusts only it, so no outside
 * certificate is accepted anywhere inside; the REST APIs still require their tokens on top, so a
 * server's certificate alone opens nothing.
 *
 * <p>Layout of {@code internal_certs_location}: the directory itself 0711 (users may pass through
 * to their own server directory but not list it); {@code ca/} 0700 with {@code ca.key} (0600)
 * and {@code ca.crt}; {@code <party>/} 0700 per hub-side party; {@code servers/<name>/} 0700
 * owned by the server's user, holding its key, certificate and a copy of the CA certificate.
 */
public final class InternalCa {
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  public static final List<String> DEFAULT_SANS = List.of("localhost", "127.0.0.1", "::1");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,200}");

  private final Path dir;
  private final X509Certificate caCert;
  private final PrivateKey caKey;
  private final Clock clock;

  private InternalCa(Path dir, X509Certificate caCert, PrivateKey caKey, Clock clock) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
    this.clock = clock;
  }

  /** Opens the CA in {@code dir}, generating its key and certificate on first use. */
  public static InternalCa openOrCreate(Path dir, Clock clock) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (java.io.IOException e) {
      throw new PkiException("cannot create JupyterHub.internal_certs_location " + dir + ": " + e, e);
    }
    Path caDir = dir.resolve("ca");
    PkiFiles.privateDirectory(caDir);
    Path key = caDir.resolve("ca.key");
    Path cert = caDir.resolve("ca.crt");
    if (!Files.exists(key) || !Files.exists(cert)) {
      KeyPair keys = CertificateMaker.newKeyPair();
      X509Certificate made = CertificateMaker.caCertificate(keys, "Ganymede internal CA", clock.instant(), CA_VALIDITY);
      PkiFiles.writePrivate(key, Pem.privateKey(keys.getPrivate()));
      PkiFiles.writePublic(cert, Pem.certificates(List.of(made)));
    }
    SecretFiles.checkSafe(key, "internal CA key");
    return new InternalCa(dir, Pem.readCertificates(cert).get(0), Pem.readPrivateKey(key), clock);
  }

  /** The CA certificate file every internal party trusts. */
  public Path caCertificate() {
    return dir.resolve("ca").resolve("ca.crt");
  }

  public X509Certificate caCertificateValue() {
    return caCert;
  }

  /**
   * A fresh key and certificate for a hub-side party ({@code hub-api}, {@code proxy-api},
   * {@code proxy-client}) in {@code <location>/<name>/}, covering {@link #DEFAULT_SANS} and
   * {@code extraSans}.
   */
  public TlsFiles issueFor(String name, List<String> extraSans) {
    Path partyDir = dir.resolve(checkedName(name));
    PkiFiles.privateDirectory(partyDir);
    return issueInto(partyDir, name, extraSans, FileOwner.hub());
  }

  /**
   * Key, certificate and CA copy for one user's server in {@code <location>/servers/<name>/},
   * owned by {@code owner} and closed to everybody else. Call before each spawn; the spawner puts
   * {@link ServerTls#environment()} into the server's environment.
   *
   * @param serverName e.g. {@code alice} or {@code alice-gpu} (letters, digits, {@code ._@+-})
   */
  public ServerTls writeForServer(String serverName, List<String> extraSans, FileOwner owner) {
    Path servers = dir.resolve("servers");
    try {
      Files.createDirectories(servers);
      Files.setPosixFilePermissions(servers, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (java.io.IOException e) {
      throw new PkiException("cannot create " + servers + ": " + e, e);
    }
    Path serverDir = servers.resolve(checkedName(serverName));
    PkiFiles.privateDirectory(serverDir);
    TlsFiles files = issueInto(serverDir, serverName, extraSans, owner);
    Path ca = serverDir.resolve("ca.crt");
    PkiFiles.writePublic(ca, Pem.certificates(List.of(caCert)));
    if (!owner.isHub()) {
      PkiFiles.chown(ca, owner.uid(), owner.gid());
      PkiFiles.chown(serverDir, owner.uid(), owner.gid());
    }
    return new ServerTls(files.key(), files.certificate(), ca);
  }

  /**
   * A fresh key and certificate for one user's server as PEM text, written nowhere: for a spawner
   * that installs them as the user itself (sudo mode). Same subject and SANs as
   * {@link #writeForServer}.
   */
  public ServerTlsPem issuePemForServer(String serverName, List<String> extraSans) {
    Leaf leaf = sign(checkedName(serverName), extraSans);
    return new ServerTlsPem(Pem.privateKey(leaf.keys().getPrivate()), Pem.certificates(List.of(leaf.certificate(), caCert)),
        Pem.certificates(List.of(caCert)));
  }

  /** A new key pair and its certificate, signed by this CA, for {@code name} and the default SANs plus {@code extraSans}. */
  private Leaf sign(String name, List<String> extraSans) {
    LinkedHashSet<String> sans = new LinkedHashSet<>(DEFAULT_SANS);
    sans.addAll(extraSans);
    KeyPair keys = CertificateMaker.newKeyPair();
    X509Certificate certificate = CertificateMaker.leaf(keys.getPublic(), name, new ArrayList<>(sans),
        X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), caKey, clock.instant(), LEAF_VALIDITY);
    return new Leaf(keys, certificate);
  }

  private record Leaf(KeyPair keys, X509Certificate certificate) {}

  private TlsFiles issueInto(Path target, String name, List<String> extraSans, FileOwner owner) {
    Leaf leaf = sign(name, extraSans);
    Path key = target.resolve(name + ".key");
    Path cert = target.resolve(name + ".crt");
    PkiFiles.writePrivate(key, Pem.privateKey(leaf.keys().getPrivate()));
    PkiFiles.writePublic(cert, Pem.certificates(List.of(leaf.certificate(), caCert)));
    if (!owner.isHub()) {
      PkiFiles.chown(key, owner.uid(), owner.gid());
      PkiFiles.chown(cert, owner.uid(), owner.gid());
    }
    return SelfSignedCertificate.files(key, cert, leaf.certificate());
  }

  private static String checkedName(String name) {
    if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new PkiException("certificate name '" + name + "' must be letters, digits and ._@+- (no '..');"
          + " escape the server name first");
    }
    return name;
  }
}
