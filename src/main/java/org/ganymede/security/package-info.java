/**
 * Secrets and the checks built on them: API tokens (generated, stored as prefix + SHA-256),
 * signed cookies (Tornado's v2 format, so JupyterHub's cookies stay valid across a switch), the
 * cookie secret and other secret files (mode 0600, created atomically), XSRF tokens bound to the
 * session, the rule for which requests need one, and login throttling.
 *
 * <p>No secret reaches a log or an exception message: logs show at most {@link
 * org.ganymede.security.Secrets#prefix}. Configuration problems are {@link
 * org.ganymede.security.SecurityConfigException}s whose messages name the file or variable and
 * the fix.
 */
package org.ganymede.security;
