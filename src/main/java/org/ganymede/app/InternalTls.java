package org.ganymede.app;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.security.pki.InternalCa;
import org.ganymede.security.pki.TlsFiles;

/**
 * The hub side of {@code JupyterHub.internal_ssl}: the CA; the hub API's and the proxy API's
 * certificates (both listeners accept only clients with a certificate from the CA); the proxy's
 * client certificate (presented to the hub and to servers; the proxy trusts only the CA).
 */
record InternalTls(InternalCa ca, TlsFiles hubApi, TlsFiles proxyApi, TlsFiles proxyClient) {
  static InternalTls create(Path location, String hubIp, Clock clock) {
    InternalCa ca = InternalCa.openOrCreate(location, clock);
    List<String> extra = hubIp.isEmpty() || hubIp.equals("0.0.0.0") ? List.of() : List.of(hubIp);
    return new InternalTls(ca, ca.issueFor("hub-api", extra), ca.issueFor("proxy-api", List.of()),
        ca.issueFor("proxy-client", List.of()));
  }

  void requireClientCertificates(HttpServerOptions server) {
    server.setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyPath(hubApi.key().toString()).setCertPath(hubApi.certificate().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.caCertificate().toString()))
        .setClientAuth(ClientAuth.REQUIRED);
    TlsSettings.apply(server);
  }

  void configureProxyClient(ProxyOptions.Builder options) {
    options.clientSslKey(proxyClient.key()).clientSslCert(proxyClient.certificate()).clientSslCa(ca.caCertificate())
        .apiSsl(new ProxyOptions.ApiSsl(proxyApi.key(), proxyApi.certificate(), java.util.Optional.of(ca.caCertificate())));
  }
}
