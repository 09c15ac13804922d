package org.ganymede.proxy;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganymede.security.pki.TlsPolicy;

/** Turns the TLS options into Vert.x server and client settings, checking the files exist. */
final class Tls {
  private Tls() {}

  static void configurePublic(HttpServerOptions server, ProxyOptions options) {
    if (!options.tls()) {
      return;
    }
    server.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setKeyPath(readable("--ssl-key", options.sslKey().orElseThrow()))
        .setCertPath(readable("--ssl-cert", options.sslCert().orElseThrow())));
    modern(server);
    options.sslCa().ifPresent(ca -> server.setTrustOptions(new PemTrustOptions().addCertPath(readable("--ssl-ca", ca))));
    if (options.sslRequestCert()) {
      server.setClientAuth(options.sslRejectUnauthorized() ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    }
  }

  /** TLS 1.2+ with forward-secret AEAD suites only (Ganymede's policy, stricter than CHP's node defaults). */
  static <T extends io.vertx.core.net.TCPSSLOptions> T modern(T options) {
    options.setEnabledSecureTransportProtocols(TlsPolicy.PROTOCOLS);
    TlsPolicy.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    return options;
  }

  /** The REST API listener: TLS when configured, client certificates required when a CA is given. */
  static HttpServerOptions configureApi(HttpServerOptions server, ProxyOptions options) {
    options.apiSsl().ifPresent(api -> {
      server.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setKeyPath(readable("--api-ssl-key", api.key()))
          .setCertPath(readable("--api-ssl-cert", api.certificate())));
      modern(server);
      api.clientCa().ifPresent(ca -> server.setTrustOptions(new PemTrustOptions().addCertPath(readable("--api-ssl-ca", ca)))
          .setClientAuth(ClientAuth.REQUIRED));
    });
    return server;
  }

  static io.vertx.core.net.ServerSSLOptions modern(io.vertx.core.net.ServerSSLOptions options) {
    options.setEnabledSecureTransportProtocols(TlsPolicy.PROTOCOLS);
    TlsPolicy.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    return options;
  }

  static void configureClient(HttpClientOptions client, ProxyOptions options) {
    modern(client);
    if (options.clientSslKey().isPresent()) {
      client.setKeyCertOptions(new PemKeyCertOptions()
          .setKeyPath(readable("--client-ssl-key", options.clientSslKey().get()))
          .setCertPath(readable("--client-ssl-cert", options.clientSslCert().orElseThrow())));
    }
    options.clientSslCa().ifPresent(ca -> client.setTrustOptions(new PemTrustOptions().addCertPath(readable("--client-ssl-ca", ca))));
    if (options.insecure()) {
      client.setTrustAll(true).setVerifyHost(false);
    }
  }

  private static String readable(String flag, Path path) {
    if (!Files.isReadable(path)) {
      throw new ProxyException(flag + " " + path + " is not a readable file");
    }
    return path.toString();
  }
}
