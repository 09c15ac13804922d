/**
 * Certificates the hub makes itself: the self-signed public certificate used when no
 * {@code JupyterHub.ssl_cert} is given on a public address, and the internal certificate authority
 * of {@code JupyterHub.internal_ssl} with the certificates it issues to the hub API, the proxy
 * API and each user's server; and certificates obtained from an ACME CA (Let's Encrypt) with
 * the HTTP-01 challenge, renewed when fewer than 30 days remain.
 *
 * <p>Words: a <em>key file</em> is a PKCS#8 PEM private key, always mode 0600; a <em>certificate
 * file</em> is PEM, leaf first, then its chain; <em>SANs</em> are DNS names or IP literals. Keys
 * are EC P-256. Failures are {@link org.ganymede.security.pki.PkiException}s naming the file and
 * the fix.
 */
package org.ganymede.security.pki;
