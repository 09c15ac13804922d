/**
 * Pages under {@code {base_url}hub/}: login, logout, home, errors; server-rendered with Pebble
 * (auto-escaping on). Owns the browser session: cookies, XSRF tokens and safe {@code next} redirects.
 */
package org.ganymede.web;
