/**
 * PAM login: {@link org.ganymede.auth.pam.PamAuthenticator} over a small JNA binding of Linux-PAM
 * ({@code libpam.so.0}) of our own, and Unix group lookup for {@code allowed_groups} /
 * {@code admin_groups}.
 */
package org.ganymede.auth.pam;
