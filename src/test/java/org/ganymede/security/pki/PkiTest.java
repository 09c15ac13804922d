package org.ganymede.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {
  @TempDir Path dir;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void selfSignedCertificateIsMadeOnceWithAPrivateKeyAndReusedOnRestart() throws Exception {
    var first = SelfSignedCertificate.ensure(dir, List.of("hub.example", "10.1.2.3", "::1"), at(T0));
    assertThat(first.generated()).isTrue();
    assertThat(mode(first.files().key())).isEqualTo("rw-------");
    X509Certificate cert = Pem.readCertificates(first.files().certificate()).get(0);
    assertThat(SelfSignedCertificate.sansOf(cert)).contains("hub.example", "10.1.2.3", "0:0:0:0:0:0:0:1");
    assertThat(Duration.between(T0, cert.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
    var again = SelfSignedCertificate.ensure(dir, List.of("hub.example", "10.1.2.3", "::1"), at(T0.plus(Duration.ofDays(200))));
    assertThat(again.generated()).isFalse();
    assertThat(again.files().sha256Fingerprint()).isEqualTo(first.files().sha256Fingerprint());
  }

  @Test
  void selfSignedCertificateIsRenewedWithinFourteenDaysOfExpiryOrForANewName() {
    var first = SelfSignedCertificate.ensure(dir, List.of("hub.example"), at(T0));
    var stillFine = SelfSignedCertificate.ensure(dir, List.of("hub.example"), at(T0.plus(Duration.ofDays(350))));
    assertThat(stillFine.generated()).isFalse();
    var renewed = SelfSignedCertificate.ensure(dir, List.of("hub.example"), at(T0.plus(Duration.ofDays(352))));
    assertThat(renewed.generated()).isTrue();
    assertThat(renewed.files().sha256Fingerprint()).isNotEqualTo(first.files().sha256Fingerprint());
    var renamed = SelfSignedCertificate.ensure(dir, List.of("other.example"), at(T0.plus(Duration.ofDays(352))));
    assertThat(renamed.generated()).isTrue();
  }

  @Test
  void selfSignedKeyReadableByOthersIsRefusedWithTheFix() throws Exception {
    var made = SelfSignedCertificate.ensure(dir, List.of("hub.example"), at(T0));
    Files.setPosixFilePermissions(made.files().key(), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SelfSignedCertificate.ensure(dir, List.of("hub.example"), at(T0)))
        .hasMessageContaining("chmod 600");
  }

  @Test
  void internalCaIssuesCertificatesThatChainToIt() throws Exception {
    InternalCa ca = InternalCa.openOrCreate(dir.resolve("internal"), at(Instant.now()));
    TlsFiles hub = ca.issueFor("hub-api", List.of("hub.internal"));
    List<X509Certificate> chain = Pem.readCertificates(hub.certificate());
    var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1));
    var params = new PKIXParameters(Set.of(new TrustAnchor(ca.caCertificateValue(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
    assertThat(SelfSignedCertificate.sansOf(chain.get(0))).contains("localhost", "127.0.0.1", "hub.internal");
    InternalCa reopened = InternalCa.openOrCreate(dir.resolve("internal"), at(Instant.now()));
    assertThat(reopened.caCertificateValue()).isEqualTo(ca.caCertificateValue());
  }

  @Test
  void internalCaFilesAreClosedToOthers() throws Exception {
    InternalCa ca = InternalCa.openOrCreate(dir.resolve("internal"), at(Instant.now()));
    ServerTls server = ca.writeForServer("alice", List.of(), FileOwner.hub());
    assertThat(mode(dir.resolve("internal/ca/ca.key"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("internal/ca"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("internal"))).isEqualTo("rwx--x--x");
    assertThat(mode(server.keyFile())).isEqualTo("rw-------");
    assertThat(mode(server.keyFile().getParent())).isEqualTo("rwx------");
    assertThat(server.environment()).containsKeys("JUPYTERHUB_SSL_KEYFILE", "JUPYTERHUB_SSL_CERTFILE", "JUPYTERHUB_SSL_CLIENT_CA");
    assertThat(Pem.readCertificates(server.clientCa()).get(0)).isEqualTo(ca.caCertificateValue());
  }

  @Test
  void asRootServerFilesBelongToTheServersUser() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root");
    // Deployments keep internal_certs_location under a directory users may pass through (x), like /srv/ganymede.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    InternalCa ca = InternalCa.openOrCreate(dir.resolve("internal"), at(Instant.now()));
    ServerTls server = ca.writeForServer("nobody-server", List.of(), FileOwner.of(65534, 65534));
    for (Path p : List.of(server.keyFile(), server.certFile(), server.clientCa(), server.keyFile().getParent())) {
      assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(65534);
    }
    assertThat(Files.getAttribute(dir.resolve("internal/ca/ca.key"), "unix:uid")).isEqualTo(0);
    // nobody can pass through the 0711 parents to its own files but cannot list the CA directory
    Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", server.keyFile().toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes())).contains("BEGIN PRIVATE KEY");
    Process q = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat",
        dir.resolve("internal/ca/ca.key").toString()).redirectErrorStream(true).start();
    assertThat(q.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(q.exitValue()).isNotZero();
  }

  @Test
  void serverNamesThatCouldEscapeTheDirectoryAreRefused() {
    InternalCa ca = InternalCa.openOrCreate(dir.resolve("internal"), at(Instant.now()));
    assertThatThrownBy(() -> ca.writeForServer("../ca", List.of(), FileOwner.hub())).hasMessageContaining("'../ca'");
  }
}
