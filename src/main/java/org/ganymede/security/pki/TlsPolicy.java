package org.ganymede.security.pki;

import java.util.List;
import java.util.Set;

/**
 * The protocols and cipher suites every Ganymede TLS listener and client accepts: TLS 1.2 and
 * 1.3 with forward-secret AEAD suites only (Mozilla's "intermediate" profile, in JSSE names).
 * TLS 1.0/1.1, CBC and RSA key exchange are refused.
 */
public final class TlsPolicy {
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsPolicy() {}
}
