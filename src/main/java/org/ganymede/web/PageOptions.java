package org.ganymede.web;

import org.ganymede.model.ServerName;

/**
 * JupyterHub's page traits, checked at start.
 *
 * @param defaultUrl {@code JupyterHub.default_url}: where {@code /hub/} sends everyone, and where a
 *     login without {@code next} ends; empty for the behaviour below
 * @param redirectToServer {@code JupyterHub.redirect_to_server}: a login without {@code next} ends
 *     on the user's server (spawning it when it is not running) rather than on {@code /hub/home}
 * @param defaultServerName {@code JupyterHub.default_server_name}: the server
 *     {@code /hub/user-redirect} opens when named servers are on
 * @param clients {@code JupyterHub.trusted_downstream_ips}
 * @param logo {@code JupyterHub.logo_file}
 */
public record PageOptions(String defaultUrl, boolean redirectToServer, String defaultServerName,
    ClientAddresses clients, Logo logo) {
  public PageOptions {
    if (!defaultUrl.isEmpty() && !(defaultUrl.startsWith("/") && !defaultUrl.startsWith("//"))
        && !defaultUrl.startsWith("https://") && !defaultUrl.startsWith("http://")) {
      throw new IllegalArgumentException("JupyterHub.default_url = '" + defaultUrl
          + "': give a path such as /hub/home, or a full http(s) URL");
    }
    try {
      new ServerName(defaultServerName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("JupyterHub.default_server_name: " + e.getMessage());
    }
  }

  /** JupyterHub's defaults: no default URL, to the server after login, built-in logo, no trusted proxies. */
  public static PageOptions defaults() {
    return new PageOptions("", true, "", new ClientAddresses(java.util.List.of()), Logo.of(""));
  }
}
