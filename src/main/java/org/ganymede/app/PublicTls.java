package org.ganymede.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.ganymede.config.HubSettings;
import org.ganymede.security.pki.Pem;
import org.ganymede.security.pki.SelfSignedCertificate;
import org.ganymede.security.pki.TlsFiles;

/**
 * How the public listener is protected, decided once at start.
 *
 * <ul>
 *   <li>{@code ssl_cert} and {@code ssl_key} given: that certificate (with its chain);
 *   <li>{@code --no-ssl} or a loopback address: plain HTTP (a TLS-terminating proxy is in front,
 *       or nobody else can connect);
 *   <li>{@code letsencrypt_domains} given: the ACME certificate in {@code <data>/acme/} (a
 *       self-signed one until the first is obtained; {@link AcmeSetup} renews it);
 *   <li>otherwise: a self-signed certificate in the data directory, made or reused.
 * </ul>
 *
 * <p>Decision: HSTS only with a configured certificate. With a self-signed one, HSTS would take
 * away the browser's "accept the risk" button for a year, locking users out after the first visit.
 *
 * @param mode which of the three cases applies
 * @param files the key and certificate when {@code mode} is not PLAIN
 */
record PublicTls(Mode mode, Optional<TlsFiles> files, boolean trusted) {
  /** One year, as the HSTS preload list asks for. */
  static final String HSTS = "max-age=31536000";

  enum Mode { CONFIGURED, ACME, SELF_SIGNED, PLAIN }

  static PublicTls decide(HubSettings hub, Path dataDir, Clock clock) {
    if (!hub.sslCert().isEmpty() || !hub.sslKey().isEmpty()) {
      if (hub.sslCert().isEmpty() || hub.sslKey().isEmpty()) {
        throw new StartupException("JupyterHub.ssl_cert and JupyterHub.ssl_key go together; got only "
            + (hub.sslCert().isEmpty() ? "ssl_key" : "ssl_cert") + ". Set both, or neither for a self-signed certificate");
      }
      Path cert = dataDir.resolve(hub.sslCert());
      Path key = dataDir.resolve(hub.sslKey());
      var leaf = Pem.readCertificates(cert).get(0);
      org.ganymede.security.SecretFiles.checkSafe(key, "JupyterHub.ssl_key");
      return new PublicTls(Mode.CONFIGURED, Optional.of(new TlsFiles(key, cert,
          org.ganymede.security.pki.Fingerprints.sha256(leaf), leaf.getNotAfter().toInstant())), true);
    }
    if (!hub.letsencryptDomains().isEmpty()) {
      if (hub.redirectPort() == 0) {
        throw new StartupException("JupyterHub.letsencrypt_domains needs the HTTP-01 challenge port: set "
            + "JupyterHub.redirect_port = 80 (or a port that port 80 is forwarded to)");
      }
      AcmeSetup.directory(hub);
      var current = AcmeSetup.store(dataDir).current();
      if (current.isPresent()) return new PublicTls(Mode.ACME, current, true);
      var placeholder = SelfSignedCertificate.ensure(dataDir, hub.letsencryptDomains(), clock);
      return new PublicTls(Mode.ACME, Optional.of(placeholder.files()), false);
    }
    if (hub.confirmNoSsl() || isLoopback(hub.ip())) {
      return new PublicTls(Mode.PLAIN, Optional.empty(), false);
    }
    var outcome = SelfSignedCertificate.ensure(dataDir, names(hub.ip()), clock);
    return new PublicTls(Mode.SELF_SIGNED, Optional.of(outcome.files()), false);
  }

  boolean https() {
    return mode != Mode.PLAIN;
  }

  /** HSTS only with a certificate browsers trust (see the class comment). */
  boolean hsts() {
    return trusted;
  }

  /** The host name, localhost and the listening addresses (all local ones when ip is ''). */
  static List<String> names(String ip) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    try {
      names.add(InetAddress.getLocalHost().getCanonicalHostName());
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (java.net.UnknownHostException e) {
      // a host without a resolvable name still gets its addresses
    }
    names.add("localhost");
    if (ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("*")) {
      try {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
          for (var a : java.util.Collections.list(nic.getInetAddresses())) {
            if (!a.isLinkLocalAddress()) names.add(a.getHostAddress().replaceAll("%.*$", ""));
          }
        }
      } catch (java.net.SocketException e) {
        names.add("127.0.0.1");
      }
    } else {
      names.add(ip);
    }
    return new ArrayList<>(names);
  }

  static boolean isLoopback(String ip) {
    if (ip.isEmpty()) return false;
    try {
      return InetAddress.getByName(ip).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
