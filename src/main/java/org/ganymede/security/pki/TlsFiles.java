package org.ganymede.security.pki;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A key file and its certificate file.
 *
 * @param key PEM private key, mode 0600
 * @param certificate PEM certificate, leaf first
 * @param sha256Fingerprint colon-separated SHA-256 of the leaf, as browsers show it
 * @param notAfter end of the leaf's validity
 */
public record TlsFiles(Path key, Path certificate, String sha256Fingerprint, Instant notAfter) {}
