package org.ganymede.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACME without the internet: renewal decisions on a fake clock, storage modes, challenge files. */
class AcmeTest {
  @TempDir Path dir;
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Stands in for the CA: signs a 90-day certificate for the stored domain key, like Let's Encrypt. */
  record FakeCa(AcmeStore store, Clock clock, List<Instant> issuedAt) implements AcmeRenewal.Issuer {
    @Override
    public TlsFiles issue() {
      var domain = store.domainKeys();
      var caKeys = CertificateMaker.newKeyPair();
      var cert = CertificateMaker.leaf(domain.getPublic(), "hub.example", List.of("hub.example"),
          CertificateMaker.name("Fake LE"), caKeys.getPrivate(), clock.instant(), Duration.ofDays(90));
      issuedAt.add(clock.instant());
      return store.save(List.of(cert));
    }
  }

  @Test
  void renewalIsDueWithoutACertificateOrWithinThirtyDays() {
    assertThat(AcmeRenewal.due(Optional.empty(), T0)).isTrue();
    assertThat(AcmeRenewal.due(Optional.of(T0.plus(Duration.ofDays(31))), T0)).isFalse();
    assertThat(AcmeRenewal.due(Optional.of(T0.plus(Duration.ofDays(29))), T0)).isTrue();
  }

  @Test
  void renewalRunsOnlyWhenDueAndKeepsTheOldCertificateWhenTheCaFails() {
    MovableClock clock = new MovableClock();
    AcmeStore store = new AcmeStore(dir.resolve("acme"));
    List<Instant> issued = new ArrayList<>();
    List<TlsFiles> loaded = new ArrayList<>();
    AcmeRenewal renewal = new AcmeRenewal(store, new FakeCa(store, clock, issued), clock, loaded::add);
    assertThat(renewal.checkNow()).isTrue();
    assertThat(renewal.checkNow()).isFalse();
    clock.now = T0.plus(Duration.ofDays(59));
    assertThat(renewal.checkNow()).isFalse();
    clock.now = T0.plus(Duration.ofDays(61));
    assertThat(renewal.checkNow()).isTrue();
    assertThat(issued).containsExactly(T0, T0.plus(Duration.ofDays(61)));
    assertThat(loaded).hasSize(2);

    clock.now = T0.plus(Duration.ofDays(125));
    String before = store.current().orElseThrow().sha256Fingerprint();
    AcmeRenewal failing = new AcmeRenewal(store, () -> { throw new PkiException("CA unreachable"); }, clock, loaded::add);
    assertThat(failing.checkNow()).isFalse();
    assertThat(store.current().orElseThrow().sha256Fingerprint()).isEqualTo(before);
  }

  @Test
  void keysArePrivateAndReusedAndTheChainIsPublic() throws Exception {
    AcmeStore store = new AcmeStore(dir.resolve("acme"));
    var account = store.accountKeys();
    new FakeCa(store, Clock.systemUTC(), new ArrayList<>()).issue();
    assertThat(mode(store.accountKeyFile())).isEqualTo("rw-------");
    assertThat(mode(store.domainKeyFile())).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("acme"))).isEqualTo("rwx------");
    assertThat(mode(store.certificateFile())).isEqualTo("rw-r--r--");
    assertThat(new AcmeStore(dir.resolve("acme")).accountKeys().getPublic()).isEqualTo(account.getPublic());
    Files.setPosixFilePermissions(store.accountKeyFile(), PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(store::accountKeys).hasMessageContaining("chmod 600");
  }

  @Test
  void challengeTokensCannotNameOtherFiles() {
    AcmeChallenges challenges = new AcmeChallenges(dir.resolve("challenges"));
    challenges.publish("abc_DEF-123", "abc_DEF-123.thumbprint");
    assertThat(dir.resolve("challenges/abc_DEF-123")).hasContent("abc_DEF-123.thumbprint");
    assertThatThrownBy(() -> challenges.publish("../../etc/passwd", "x")).hasMessageContaining("not base64url");
    challenges.remove("abc_DEF-123");
    assertThat(dir.resolve("challenges/abc_DEF-123")).doesNotExist();
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
