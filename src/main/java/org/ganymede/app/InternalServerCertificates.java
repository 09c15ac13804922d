package org.ganymede.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.ganymede.hub.ServerCertificates;
import org.ganymede.security.pki.FileOwner;
import org.ganymede.security.pki.ServerTlsPem;
import org.ganymede.security.pki.TlsContexts;

/**
 * User servers' internal TLS files from the internal CA. When the hub runs as root the files
 * belong to the server's Unix user, who alone can read the key; in sudo mode the spawn helper
 * writes them as the user from {@link #issuePem}.
 */
final class InternalServerCertificates implements ServerCertificates {
  private final InternalTls tls;
  private final SSLContext hubClient;

  InternalServerCertificates(InternalTls tls) {
    this.tls = tls;
    this.hubClient = TlsContexts.client(tls.hubApi(), tls.ca().caCertificate());
  }

  @Override
  public Map<String, String> issue(String user, String server) {
    return tls.ca().writeForServer(certificateName(user, server), List.of(), ownerOf(user)).environment();
  }

  private static String certificateName(String user, String server) {
    return "user-" + user + (server.isEmpty() ? "" : "-" + server);
  }

  @Override
  public ServerTlsPem issuePem(String user, String server) {
    return tls.ca().issuePemForServer(certificateName(user, server), List.of());
  }

  @Override
  public SSLContext hubClient() {
    return hubClient;
  }

  /** The user's uid and gid when the hub is root (files are handed over); the hub itself otherwise. */
  private static FileOwner ownerOf(String user) {
    if (!"root".equals(System.getProperty("user.name"))) return FileOwner.hub();
    try {
      Process p = new ProcessBuilder("getent", "passwd", user).start();
      String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || line.isEmpty()) {
        throw new StartupException("no Unix account named " + user + " for its internal TLS certificate");
      }
      String[] f = line.split(":");
      return FileOwner.of(Integer.parseInt(f[2]), Integer.parseInt(f[3]));
    } catch (java.io.IOException e) {
      throw new StartupException("looking up " + user + " for its internal TLS certificate failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while looking up " + user);
    }
  }
}
