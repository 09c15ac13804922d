package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one XSRF rule ({@link XsrfPolicy}); the tokens themselves are web.Sessions', tested with the pages. */
class XsrfTest {
  @ParameterizedTest(name = "{0} mode={1} site={2} ws={3} token={4} → needs XSRF: {5}")
  @CsvSource(nullValues = "-", value = {
      // plain page views and old clients without Sec-Fetch-* headers
      "GET, navigate, same-origin, false, false, false",
      "GET, navigate, cross-site, false, false, false",
      "GET, '', '', false, false, false",
      "HEAD, '', '', false, false, false",
      "OPTIONS, navigate, none, false, false, false",
      // A4: no-cors is exempt only for same-origin reads
      "GET, no-cors, same-origin, false, false, false",
      "GET, no-cors, cross-site, false, false, true",
      "GET, no-cors, same-site, false, false, true",
      "GET, no-cors, '', false, false, true",
      "POST, no-cors, cross-site, false, false, true",
      "POST, no-cors, same-origin, false, false, true",
      // A9 / A7: every state change by cookie, whatever the headers
      "POST, navigate, same-origin, false, false, true",
      "POST, '', '', false, false, true",
      "DELETE, cors, same-origin, false, false, true",
      "PATCH, same-origin, same-origin, false, false, true",
      "PUT, cors, cross-site, false, false, true",
      // cookie-authenticated fetch() of the API, even a read
      "GET, cors, same-origin, false, false, true",
      "GET, same-origin, same-origin, false, false, true",
      // websockets are checked by origin instead; API tokens cannot be sent by another site
      "GET, websocket, same-origin, false, false, false",
      "GET, '', '', true, false, false",
      "DELETE, cors, cross-site, false, true, false",
      "POST, no-cors, cross-site, false, true, false",
      // header and method case do not matter
      "post, NAVIGATE, Same-Origin, false, false, true",
      "get, No-Cors, SAME-ORIGIN, false, false, false",
  })
  void requestsThatNeedAnXsrfToken(String method, String mode, String site, boolean webSocket,
      boolean token, boolean expected) {
    assertThat(XsrfPolicy.requires(method, mode == null ? "" : mode, site == null ? "" : site,
        webSocket, token)).isEqualTo(expected);
  }
}
