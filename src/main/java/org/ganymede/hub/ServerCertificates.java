package org.ganymede.hub;

import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Internal TLS for user servers ({@code JupyterHub.internal_ssl}): each server gets a key and a
 * certificate from the internal CA, readable only by its user; the hub checks servers over HTTPS
 * with its own certificate.
 */
public interface ServerCertificates {
  /** Writes the server's files and returns {@code JUPYTERHUB_SSL_KEYFILE/CERTFILE/CLIENT_CA}. */
  Map<String, String> issue(String user, String server);

  /** The hub's client identity and the CA it trusts, for readiness checks. */
  SSLContext hubClient();
}
