package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.util.Optional;
import org.ganymede.security.pki.AcmeChallenges;
import org.ganymede.security.pki.AcmeDirectory;
import org.ganymede.security.pki.AcmeIssuer;
import org.ganymede.security.pki.AcmeStore;
import org.ganymede.security.pki.PkiException;
import org.ganymede.security.pki.SelfSignedCertificate;
import org.ganymede.security.pki.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Let's Encrypt's way, against a real ACME server: Debian's {@code pebble} (Let's Encrypt's own
 * RFC 8555 test CA) with {@code pebble-challtestsrv} answering DNS for the test domain with
 * 127.0.0.1. Pebble validates the HTTP-01 challenge by fetching it from the hub's redirect
 * listener, issues the certificate, and the hub serves it without a restart; a restarted hub
 * serves the stored one with the CA gone.
 */
class AcmePebbleTest {
  static final String DOMAIN = "hub.ganymede.test";
  @TempDir Path dir;
  final List<Process> processes = new ArrayList<>();
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void theHubObtainsItsCertificateFromARealAcmeServerThroughHttp01AndKeepsIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/pebble")) && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv")),
        "needs Debian's pebble package (bin/test installs it)");
    Pebble pebble = startPebble();
    Files.createDirectories(dir.resolve("hub"));
    int redirectPort = pebble.httpPort;
    hub = RunningHub.start(dir.resolve("hub"), "--JupyterHub.letsencrypt_domains=['" + DOMAIN + "']",
        "--JupyterHub.letsencrypt_email=admin@ganymede.test", "--JupyterHub.redirect_port=" + redirectPort,
        "--JupyterHub.acme_directory_url=" + pebble.directory, "--JupyterHub.acme_ca_bundle=" + pebble.httpsCa);
    int publicPort = hub.hub.publicPort();

    List<X509Certificate> served = awaitServedChain(publicPort, c -> c.getIssuerX500Principal().getName().contains("Pebble"));
    X509Certificate leaf = served.get(0);
    assertThat(leaf.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo(DOMAIN));
    validates(served, pebble.root());

    Path acme = dir.resolve("hub").resolve("acme");
    try (var files = Files.list(acme)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("key.pem")).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
      }
    }
    try (var left = Files.list(acme.resolve("challenges"))) {
      assertThat(left.toList()).as("challenge tokens are removed once validated").isEmpty();
    }

    // Restart with the CA gone: the stored certificate is served at once, nothing is re-issued.
    hub.close();
    hub = null;
    processes.forEach(Process::destroyForcibly);
    hub = RunningHub.start(dir.resolve("hub"), "--JupyterHub.letsencrypt_domains=['" + DOMAIN + "']",
        "--JupyterHub.letsencrypt_email=admin@ganymede.test", "--JupyterHub.redirect_port=" + RunningHub.freePort(),
        "--JupyterHub.acme_directory_url=" + pebble.directory, "--JupyterHub.acme_ca_bundle=" + pebble.httpsCa);
    assertThat(chainOf(hub.hub.publicPort()).get(0)).isEqualTo(leaf);
  }

  @Test
  void aMissingOrWrongAcmeCaBundleStopsTheStartWithItsPath() throws IOException {
    Files.createDirectories(dir.resolve("hub"));
    Path notPem = Files.writeString(dir.resolve("bundle.txt"), "not a certificate");
    assertThatThrownBy(() -> RunningHub.start(dir.resolve("hub"), "--JupyterHub.letsencrypt_domains=['" + DOMAIN + "']",
        "--JupyterHub.redirect_port=" + RunningHub.freePort(), "--JupyterHub.acme_directory_url=https://127.0.0.1:1/dir",
        "--JupyterHub.acme_ca_bundle=" + notPem))
        .isInstanceOf(PkiException.class).hasMessageContaining(notPem.toString());
  }

  @Test
  void whenTheChallengeCannotBeFetchedTheErrorSaysWhichUrlMustReachTheRedirectPort() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/pebble")), "needs Debian's pebble package (bin/test installs it)");
    Pebble pebble = startPebble();
    var store = new AcmeStore(dir.resolve("acme"));
    var issuer = new AcmeIssuer(new AcmeDirectory(URI.create(pebble.directory), Optional.of(pebble.httpsCa)),
        "admin@ganymede.test", List.of(DOMAIN), store, new AcmeChallenges(dir.resolve("acme").resolve("challenges")));
    // Nothing listens on Pebble's HTTP-01 port: the CA cannot fetch the token.
    assertThatThrownBy(issuer::issue).isInstanceOf(PkiException.class)
        .hasMessageContaining("http://" + DOMAIN + "/.well-known/acme-challenge/")
        .hasMessageContaining("JupyterHub.redirect_port");
    assertThat(store.current()).as("nothing half-written").isEmpty();
  }

  /** Pebble and its DNS stand-in on free loopback ports; Pebble's own HTTPS uses a certificate we made. */
  record Pebble(String directory, Path httpsCa, int httpPort, HttpClient client, int managementPort) {
    X509Certificate root() throws Exception {
      var pem = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pem.statusCode()).isEqualTo(200);
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(pem.body()));
    }
  }

  private Pebble startPebble() throws Exception {
    Path pebbleDir = Files.createDirectories(dir.resolve("pebble"));
    var https = SelfSignedCertificate.ensure(pebbleDir, List.of("127.0.0.1", "localhost"), Clock.systemUTC()).files();
    int api = RunningHub.freePort();
    int management = RunningHub.freePort();
    int dns = RunningHub.freePort();
    int http01 = RunningHub.freePort();
    Path config = pebbleDir.resolve("pebble.json");
    Files.writeString(config, """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
          "ocspResponderURL": "", "externalAccountBindingRequired": false}}
        """.formatted(api, management, https.certificate(), https.key(), http01, RunningHub.freePort()));
    launch(pebbleDir.resolve("challtestsrv.log"), Map.of(), "pebble-challtestsrv", "-dns01", "127.0.0.1:" + dns,
        "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + RunningHub.freePort(),
        "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "");
    // No random nonce rejections or sleeps: the test is about the protocol, not Pebble's chaos options.
    launch(pebbleDir.resolve("pebble.log"), Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"),
        "pebble", "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dns);
    HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.trusting(https.certificate()))
        .connectTimeout(Duration.ofSeconds(2)).build();
    String directory = "https://127.0.0.1:" + api + "/dir";
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(directory)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) throw new AssertionError("pebble did not answer: " + log(pebbleDir), notYet);
      }
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return new Pebble(directory, https.certificate(), http01, client, management);
  }

  private void launch(Path log, Map<String, String> env, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    processes.add(pb.start());
  }

  private static String log(Path pebbleDir) {
    try {
      return Files.readString(pebbleDir.resolve("pebble.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static List<X509Certificate> awaitServedChain(int port, java.util.function.Predicate<X509Certificate> wanted)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    List<X509Certificate> chain = chainOf(port);
    while (!wanted.test(chain.get(0))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the hub still serves " + chain.get(0).getIssuerX500Principal() + " after 60 s");
      }
      TimeUnit.MILLISECONDS.sleep(200);
      chain = chainOf(port);
    }
    return chain;
  }

  /** The chain the public listener presents for {@link #DOMAIN}, without trusting it yet. */
  private static List<X509Certificate> chainOf(int port) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAnything()}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      var params = socket.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(DOMAIN)));
      socket.setSSLParameters(params);
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return Arrays.stream(socket.getSession().getPeerCertificates()).map(X509Certificate.class::cast).toList();
    }
  }

  private static void validates(List<X509Certificate> chain, X509Certificate root) throws Exception {
    var path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
    var params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  /** Only to read what the server presents; the chain is then validated against Pebble's root. */
  private static final class AcceptAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
