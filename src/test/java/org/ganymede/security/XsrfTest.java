package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class XsrfTest {
  private static final byte[] SECRET = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      SECRET[i] = (byte) i;
    }
  }

  private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_700_000_000L));
  private final XsrfTokens tokens = new XsrfTokens(new CookieSigner(SECRET, clock));

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

  @Test
  void tokenChecksForItsOwnSessionAndUser() {
    String token = tokens.issue("session-1", "cookie-alice");
    assertThat(tokens.check(token, "session-1", "cookie-alice")).isTrue();
    assertThat(tokens.check(token, "session-2", "cookie-alice")).isFalse();
    assertThat(tokens.check(token, "session-1", "cookie-bob")).isFalse();
    assertThat(tokens.check(token, "", "")).isFalse();
    assertThat(tokens.idOf(token)).contains("session-1:cookie-alice");
  }

  @Test
  void tokenIsUrlSafeAndMatchesJupyterHubs() {
    // tornado 6.2: urlsafe_b64encode(create_signed_value(bytes(range(32)), '_xsrf', 'sess:cookie',
    // clock=lambda: 1700000000)).rstrip(b'=')
    String jupyterhub = "MnwxOjB8MTA6MTcwMDAwMDAwMHw1Ol94c3JmfDE2OmMyVnpjenBqYjI5cmFXVT18YzQzMGJh"
        + "ZTg2OTUwZjYxNTUxODQ4ODY5MzgyOWNjYThiMWViNWYyZWU2MGYzMmMzYjhiZTZiMDdlMDRkMmQzYg";
    assertThat(tokens.issue("sess", "cookie")).isEqualTo(jupyterhub).matches("[A-Za-z0-9_-]+");
    assertThat(tokens.check(jupyterhub, "sess", "cookie")).isTrue();
  }

  @Test
  void tamperedForeignExpiredOrGarbageTokensAreRejected() {
    String token = tokens.issue("s", "u");
    assertThat(tokens.check(token.substring(0, token.length() - 2) + "AA", "s", "u")).isFalse();
    XsrfTokens otherHub = new XsrfTokens(new CookieSigner(new byte[32], clock));
    assertThat(otherHub.check(token, "s", "u")).isFalse();
    assertThat(tokens.check("", "s", "u")).isFalse();
    assertThat(tokens.check("!!!not base64!!!", "s", "u")).isFalse();
    CookieSigner signer = new CookieSigner(SECRET, clock);
    String signedForOtherCookie = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(signer.sign("jupyterhub-hub-login", "s:u").getBytes());
    assertThat(tokens.check(signedForOtherCookie, "s", "u")).isFalse();
    clock.advance(Duration.ofDays(31).plusSeconds(1));
    assertThat(tokens.check(token, "s", "u")).isFalse();
  }

  @Test
  void anonymousTokensAreBoundToAddressAndBrowser() {
    String id = XsrfTokens.anonymousId("203.0.113.9", "Firefox");
    String token = tokens.issue("", id);
    assertThat(tokens.check(token, "", XsrfTokens.anonymousId("203.0.113.9", "Firefox"))).isTrue();
    assertThat(tokens.check(token, "", XsrfTokens.anonymousId("198.51.100.1", "Firefox"))).isFalse();
    assertThat(tokens.check(token, "", XsrfTokens.anonymousId("203.0.113.9", "Chrome"))).isFalse();
  }

  @Test
  void privateAddressesCountAsOneBecauseProxiesChangeThem() {
    assertThat(XsrfTokens.anonymousId("10.0.0.1", "ua")).isEqualTo(XsrfTokens.anonymousId("192.168.1.7", "ua"));
    assertThat(XsrfTokens.anonymousId("127.0.0.1", "ua")).isEqualTo(XsrfTokens.anonymousId("fd00::1", "ua"));
    assertThat(XsrfTokens.anonymousId("8.8.8.8", "ua")).isNotEqualTo(XsrfTokens.anonymousId("10.0.0.1", "ua"));
    assertThat(XsrfTokens.anonymousId("deadbeef", "ua")).isNotEqualTo(XsrfTokens.anonymousId("10.0.0.1", "ua"));
  }
}
