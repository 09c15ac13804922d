package org.ganymede.security.pki;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a single-user server needs for internal TLS, readable only by its user.
 *
 * @param keyFile its private key ({@code JUPYTERHUB_SSL_KEYFILE})
 * @param certFile its certificate ({@code JUPYTERHUB_SSL_CERTFILE})
 * @param clientCa the CA that the hub's and proxy's client certificates chain to
 *     ({@code JUPYTERHUB_SSL_CLIENT_CA})
 */
public record ServerTls(Path keyFile, Path certFile, Path clientCa) {
  /** The three {@code JUPYTERHUB_SSL_*} variables for the server's environment. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JUPYTERHUB_SSL_KEYFILE", keyFile.toString());
    env.put("JUPYTERHUB_SSL_CERTFILE", certFile.toString());
    env.put("JUPYTERHUB_SSL_CLIENT_CA", clientCa.toString());
    return Map.copyOf(env);
  }
}
