package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.security.ProxyTokenSource;
import org.ganymede.security.pki.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public listener over TLS, checked with real TLS clients (the JDK's and openssl). */
class PublicTlsTest {
  @TempDir Path dir;
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  private RunningHub startWithCertificate(String... more) {
    var files = SelfSignedCertificate.ensure(dir, List.of("localhost", "127.0.0.1"), Clock.systemUTC()).files();
    List<String> args = new java.util.ArrayList<>(List.of("--JupyterHub.ssl_cert=" + files.certificate(),
        "--JupyterHub.ssl_key=" + files.key()));
    args.addAll(List.of(more));
    return RunningHub.start(dir, args.toArray(String[]::new));
  }

  @Test
  void httpsServesTheHubWithHstsAndTheRedirectPortSendsBrowsersToHttps() throws Exception {
    int redirect = RunningHub.freePort();
    hub = startWithCertificate("--JupyterHub.redirect_port=" + redirect);
    var http = TlsClients.http(TlsClients.trusting(dir.resolve(SelfSignedCertificate.CERT_FILE)));
    String base = "https://127.0.0.1:" + hub.hub.publicPort();
    var login = http.send(HttpRequest.newBuilder(URI.create(base + "/hub/login")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(hub.hub.publicUrl()).startsWith("https://");

    // User servers behind the proxy get HSTS too: a stand-in server that sets none.
    var vertx = io.vertx.core.Vertx.vertx();
    try {
      var backend = vertx.createHttpServer().requestHandler(r -> r.response().end("server")).listen(0, "127.0.0.1").await();
      hub.hub.proxy().routes().add("/user/alice/", "http://127.0.0.1:" + backend.actualPort(), java.util.Map.of())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      var server = http.send(HttpRequest.newBuilder(URI.create(base + "/user/alice/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(server.body()).isEqualTo("server");
      assertThat(server.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    } finally {
      vertx.close().await();
    }

    var plain = hub.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + redirect + "/hub/login?next=%2Fhub%2F")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(301);
    assertThat(plain.headers().firstValue("Location")).hasValue(base + "/hub/login?next=%2Fhub%2F");
  }

  @Test
  void redirectPortAnswersAcmeChallengesFromTheChallengeDirectory() throws Exception {
    int redirect = RunningHub.freePort();
    hub = startWithCertificate("--JupyterHub.redirect_port=" + redirect);
    new org.ganymede.security.pki.AcmeChallenges(dir.resolve("acme/challenges")).publish("tok_123-abc", "tok_123-abc.keyauth");
    String base = "http://127.0.0.1:" + redirect + "/.well-known/acme-challenge/";
    var served = hub.http.send(HttpRequest.newBuilder(URI.create(base + "tok_123-abc")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo("tok_123-abc.keyauth");
    var unknown = hub.http.send(HttpRequest.newBuilder(URI.create(base + "nope")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    var escape = hub.http.send(HttpRequest.newBuilder(URI.create(base + "..%2F..%2Fcookie_secret")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(escape.statusCode()).isEqualTo(404);
  }

  @Test
  void runningProxyServesARenewedCertificateWithoutARestart() throws Exception {
    hub = startWithCertificate();
    Path renewedDir = Files.createDirectories(dir.resolve("renewed"));
    var renewed = SelfSignedCertificate.ensure(renewedDir, List.of("localhost", "127.0.0.1"), Clock.systemUTC()).files();
    var trustsRenewed = TlsClients.http(TlsClients.trusting(renewed.certificate()));
    URI login = URI.create("https://127.0.0.1:" + hub.hub.publicPort() + "/hub/login");
    assertThatThrownBy(() -> trustsRenewed.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
    hub.hub.proxy().updateCertificate(renewed.key(), renewed.certificate());
    var fresh = TlsClients.http(TlsClients.trusting(renewed.certificate()));
    assertThat(fresh.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void letsEncryptNeedsTheChallengePortAndStartsWithAPlaceholderWithoutHsts() {
    var noPort = ConfigLoader.load(new ConfigSources(java.util.Optional.empty(),
        List.of("--JupyterHub.letsencrypt_domains=['hub.example.org']"), java.util.Map.of())).config().hub();
    assertThatThrownBy(() -> PublicTls.decide(noPort, dir, Clock.systemUTC())).hasMessageContaining("JupyterHub.redirect_port = 80");
    var withPort = ConfigLoader.load(new ConfigSources(java.util.Optional.empty(),
        List.of("--JupyterHub.letsencrypt_domains=['hub.example.org']", "--JupyterHub.redirect_port=80"), java.util.Map.of()))
        .config().hub();
    PublicTls tls = PublicTls.decide(withPort, dir, Clock.systemUTC());
    assertThat(tls.mode()).isEqualTo(PublicTls.Mode.ACME);
    assertThat(tls.hsts()).isFalse();
  }

  @Test
  void oldProtocolsAndCbcSuitesAreRefused() throws Exception {
    hub = startWithCertificate();
    var ctx = TlsClients.trusting(dir.resolve(SelfSignedCertificate.CERT_FILE));
    try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", hub.hub.publicPort())) {
      socket.setSoTimeout(5000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
      assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
    // The JDK will not even offer TLS 1.1; openssl can, when told to lower its own floor.
    Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + hub.hub.publicPort(),
        "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0").redirectErrorStream(true).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(out).isNotZero();
    assertThat(out).contains("alert protocol version").contains("Cipher is (NONE)");
    try (SSLSocket ok = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", hub.hub.publicPort())) {
      ok.setSoTimeout(5000);
      ok.setEnabledProtocols(new String[] {"TLSv1.2"});
      ok.startHandshake();
      assertThat(ok.getSession().getCipherSuite()).contains("GCM");
    }
  }

  @Test
  void publicAddressWithoutCertificateGetsASelfSignedOneAndPlainNeedsNoSsl() {
    var settings = ConfigLoader.load(new ConfigSources(java.util.Optional.empty(), List.of("--ip=10.20.30.40"), java.util.Map.of()))
        .config().hub();
    PublicTls tls = PublicTls.decide(settings, dir, Clock.systemUTC());
    assertThat(tls.mode()).isEqualTo(PublicTls.Mode.SELF_SIGNED);
    assertThat(tls.hsts()).isFalse();
    assertThat(dir.resolve(SelfSignedCertificate.KEY_FILE)).exists();
    var noSsl = ConfigLoader.load(new ConfigSources(java.util.Optional.empty(), List.of("--ip=10.20.30.40", "--no-ssl"),
        java.util.Map.of())).config().hub();
    assertThat(PublicTls.decide(noSsl, dir, Clock.systemUTC()).mode()).isEqualTo(PublicTls.Mode.PLAIN);
  }

  @Test
  void proxyTokenSurvivesARestartInAPrivateFile() throws Exception {
    hub = RunningHub.start(dir);
    Path file = dir.resolve(ProxyTokenSource.FILE_NAME);
    String first = Files.readString(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    hub.close();
    hub = RunningHub.start(dir);
    assertThat(Files.readString(file)).isEqualTo(first);
    hub.close();
    hub = null;
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> RunningHub.start(dir)).hasMessageContaining("chmod 600 " + file);
  }
}
