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
    var plain = hub.http;
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub.hubPort() + "/hub/api/"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }
}
