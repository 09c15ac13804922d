package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spawner.ssl_alt_names with internal_ssl: the extra names are in each server's certificate. */
class ServerAltNamesTest {
  @TempDir Path dir;

  private InternalServerCertificates certificates(String... traits) {
    var config = ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(traits), Map.of())).config();
    InternalTls tls = InternalTls.create(dir.resolve("internal-ssl"), "127.0.0.1", Clock.systemUTC());
    return new InternalServerCertificates(tls, config.spawner().sslAltNames());
  }

  /** (type, value) pairs: 2 = DNS name, 7 = IP address. */
  private static List<String> altNames(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames().stream().map(n -> n.get(0) + "=" + n.get(1)).toList();
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void theConfiguredNamesJoinTheLocalOnesInTheCertificateTheHubWrites() throws Exception {
    InternalServerCertificates certs = certificates(
        "--Spawner.ssl_alt_names=['DNS:jupyter.example.com', 'IP:10.10.10.10']");

    Map<String, String> env = certs.issue("root", "");

    X509Certificate certificate = parse(Files.readString(Path.of(env.get("JUPYTERHUB_SSL_CERTFILE"))));
    assertThat(altNames(certificate)).contains("2=localhost", "7=127.0.0.1", "2=jupyter.example.com", "7=10.10.10.10");
  }

  @Test
  void theConfiguredNamesAreInTheMaterialTheSudoHelperWrites() throws Exception {
    InternalServerCertificates certs = certificates("--Spawner.ssl_alt_names=['DNS:lab.internal']");

    X509Certificate certificate = parse(certs.issuePem("alice", "lab").certificate());

    assertThat(altNames(certificate)).contains("2=localhost", "2=lab.internal");
  }

  @Test
  void withoutTheSettingOnlyTheLocalNamesAreThere() throws Exception {
    X509Certificate certificate = parse(certificates().issuePem("alice", "").certificate());
    assertThat(altNames(certificate)).doesNotContain("2=jupyter.example.com").contains("2=localhost");
  }

  @Test
  void anEntryWithoutDnsOrIpStopsTheStartNamingIt() {
    assertThatThrownBy(() -> certificates("--Spawner.ssl_alt_names=['jupyter.example.com']"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("Spawner.ssl_alt_names entry 'jupyter.example.com' must be DNS:<name> or IP:<address>");
    assertThatThrownBy(() -> certificates("--Spawner.ssl_alt_names=['IP:jupyter.example.com']"))
        .isInstanceOf(StartupException.class);
  }
}
