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
  /** Dotted IPv4 or colon-separated IPv6, told apart from DNS names without any lookup. */
  private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile(
      "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final InternalTls tls;
  private final SSLContext hubClient;
  private final List<String> altNames;

  /** {@code sslAltNames}: {@code Spawner.ssl_alt_names}, as JupyterHub spells them ({@code DNS:name}, {@code IP:address}). */
  InternalServerCertificates(InternalTls tls, List<String> sslAltNames) {
    this.tls = tls;
    this.hubClient = TlsContexts.client(tls.hubApi(), tls.ca().caCertificate());
    this.altNames = altNames(sslAltNames);
  }

  /**
   * The names for the certificate, without their {@code DNS:}/{@code IP:} prefix; another prefix or
   * none stops the start naming the entry (JupyterHub would fail each spawn instead).
   */
  static List<String> altNames(List<String> sslAltNames) {
    List<String> names = new java.util.ArrayList<>();
    for (String entry : sslAltNames) {
      int colon = entry.indexOf(':');
      String kind = colon < 0 ? "" : entry.substring(0, colon).toUpperCase(java.util.Locale.ROOT);
      String name = entry.substring(colon + 1).strip();
      boolean ip = kind.equals("IP");
      if (!(ip || kind.equals("DNS")) || name.isEmpty() || ip != IP_LITERAL.matcher(name).matches()) {
        throw new StartupException("Spawner.ssl_alt_names entry '" + entry + "' must be DNS:<name> or IP:<address>, "
            + "e.g. ['DNS:jupyter.example.com', 'IP:10.10.10.10']");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  @Override
  public Map<String, String> issue(String user, String server) {
    return tls.ca().writeForServer(certificateName(user, server), altNames, ownerOf(user)).environment();
  }

  private static String certificateName(String user, String server) {
    return "user-" + user + (server.isEmpty() ? "" : "-" + server);
  }

  @Override
  public ServerTlsPem issuePem(String user, String server) {
    return tls.ca().issuePemForServer(certificateName(user, server), altNames);
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
