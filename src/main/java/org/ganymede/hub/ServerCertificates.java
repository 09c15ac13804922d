package org.ganymede.hub;

import java.util.Map;
import javax.net.ssl.SSLContext;
import org.ganymede.security.pki.ServerTlsPem;

/**
 * Internal TLS for user servers ({@code JupyterHub.internal_ssl}): each server gets a key and a
 * certificate from the internal CA, readable only by its user; the hub checks servers over HTTPS
 * with its own certificate.
 *
 * <p>Two ways to deliver: {@link #issue} writes the files (owned by the user when the hub is
 * root); {@link #issuePem} returns the material for a spawner that writes them as the user itself
 * ({@link org.ganymede.spawn.Spawner#installsServerCertificates()}, the sudo spawner).
 */
public interface ServerCertificates {
  /** Writes the server's files and returns {@code JUPYTERHUB_SSL_KEYFILE/CERTFILE/CLIENT_CA}. */
  Map<String, String> issue(String user, String server);

  /** A fresh key and certificate for the server as PEM, written nowhere; never log the key. */
  ServerTlsPem issuePem(String user, String server);

  /** The hub's client identity and the CA it trusts, for readiness checks. */
  SSLContext hubClient();
}
