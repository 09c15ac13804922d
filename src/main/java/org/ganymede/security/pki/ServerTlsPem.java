package org.ganymede.security.pki;

import java.util.Objects;

/**
 * A user server's internal TLS material as PEM text, for a spawner that writes the files itself as
 * the user (the sudo spawner: the hub is not root and cannot hand files over).
 *
 * @param key the server's PKCS#8 private key
 * @param certificate its certificate, leaf first, then the CA
 * @param clientCa the CA that the hub's and proxy's client certificates chain to
 */
public record ServerTlsPem(String key, String certificate, String clientCa) {
  public ServerTlsPem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(clientCa, "clientCa");
  }

  /** Never the key: records print their fields, and this one may reach a log line. */
  @Override
  public String toString() {
    return "ServerTlsPem[key=(hidden), certificate=" + certificate.length() + " chars, clientCa="
        + clientCa.length() + " chars]";
  }
}
