package org.ganymede.security;

import java.util.Locale;
import java.util.Set;

/**
 * Which requests must carry a valid XSRF token, as JupyterHub 5.4.6 decides after
 * GHSA-m68r-v472-jgq9 (CVE-2026-40864): every request not authenticated by an API token, except
 * websockets, plain navigation (and requests from clients that send no {@code Sec-Fetch-Mode}) with
 * a read-only method, and same-origin {@code no-cors} reads. A cross-site {@code no-cors} POST
 * (an HTML form on an attacker's page) always needs the token; so does a cookie-authenticated API
 * call of any method made with {@code fetch}.
 */
public final class XsrfPolicy {
  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

  private XsrfPolicy() {}

  /**
   * @param method the HTTP method
   * @param secFetchMode the {@code Sec-Fetch-Mode} header, empty when absent
   * @param secFetchSite the {@code Sec-Fetch-Site} header, empty when absent
   * @param webSocket whether this is a websocket upgrade (checked by origin elsewhere)
   * @param tokenAuthenticated whether an API token (not a cookie) authenticated the request;
   *     anonymous requests such as the login form post still need the token
   */
  public static boolean requires(String method, String secFetchMode, String secFetchSite,
      boolean webSocket, boolean tokenAuthenticated) {
    if (tokenAuthenticated) {
      return false; // a token in a header cannot be sent by another site
    }
    String mode = secFetchMode.isEmpty() ? "unspecified" : secFetchMode.toLowerCase(Locale.ROOT);
    if (webSocket || mode.equals("websocket")) {
      return false;
    }
    boolean readOnly = READ_ONLY.contains(method.toUpperCase(Locale.ROOT));
    if (!readOnly) {
      return true;
    }
    if (mode.equals("navigate") || mode.equals("unspecified")) {
      return false;
    }
    boolean sameOrigin = secFetchSite.toLowerCase(Locale.ROOT).equals("same-origin");
    return !(mode.equals("no-cors") && sameOrigin);
  }
}
