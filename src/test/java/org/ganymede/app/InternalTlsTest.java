package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JupyterHub.internal_ssl: the hub listener only talks TLS to clients holding a certificate from the internal CA. */
class InternalTlsTest {
  @TempDir Path dir;
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  /** An SSL context presenting the given PEM key and certificate and trusting the CA. */
  static javax.net.ssl.SSLContext withClientCertificate(Path key, Path cert, Path ca) throws Exception {
    String pem = java.nio.file.Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var privateKey = java.security.KeyFactory.getInstance("EC")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
    var chain = org.ganymede.security.pki.Pem.readCertificates(cert).toArray(java.security.cert.X509Certificate[]::new);
    var keyStore = java.security.KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("me", privateKey, "x".toCharArray(), chain);
    var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, "x".toCharArray());
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    var trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", org.ganymede.security.pki.Pem.readCertificates(ca).get(0));
    tmf.init(trust);
    var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void proxyReachesTheHubWithItsClientCertificateButAClientWithoutOneIsRefused() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.internal_ssl=True", "--JupyterHub.internal_certs_location=" + dir.resolve("certs"));
    assertThat(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login"))).build()).status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/users", null).status()).isEqualTo(200);

    Path ca = hub.hub.internalCa().orElseThrow().caCertificate();
    var noCert = TlsClients.http(TlsClients.trusting(ca));
    URI direct = URI.create("https://127.0.0.1:" + hub.hub.hubPort() + "/hub/api/");
    assertThatThrownBy(() -> noCert.send(HttpRequest.newBuilder(direct).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    URI proxyApi = URI.create("https://127.0.0.1:" + hub.hub.proxy().apiPort() + "/api/routes");
    assertThatThrownBy(() -> noCert.send(HttpRequest.newBuilder(proxyApi).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    var hubClient = TlsClients.http(withClientCertificate(dir.resolve("certs/hub-api/hub-api.key"),
        dir.resolve("certs/hub-api/hub-api.crt"), ca));
    String token = java.nio.file.Files.readString(dir.resolve(org.ganymede.security.ProxyTokenSource.FILE_NAME)).strip();
    var routes = hubClient.send(HttpRequest.newBuilder(proxyApi).header("Authorization", "token " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(routes.statusCode()).isEqualTo(200);
    assertThat(routes.body()).contains("\"/\"");
    var plain = hub.http;
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.hubPort() + "/hub/api/"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }
}
