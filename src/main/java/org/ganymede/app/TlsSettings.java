package org.ganymede.app;

import io.vertx.core.net.TCPSSLOptions;
import org.ganymede.security.pki.TlsPolicy;

/** Applies {@link TlsPolicy} to a Vert.x listener or client. */
final class TlsSettings {
  private TlsSettings() {}

  static <T extends TCPSSLOptions> T apply(T options) {
    options.setEnabledSecureTransportProtocols(TlsPolicy.PROTOCOLS);
    TlsPolicy.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    return options;
  }
}
