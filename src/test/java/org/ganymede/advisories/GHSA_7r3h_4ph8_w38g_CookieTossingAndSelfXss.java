package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GHSA-7r3h-4ph8-w38g / CVE-2024-28233: session-bound XSRF on the cookie-authenticated API,
 * tossed cookies useless, {@code __Host-} cookies on request, framing refused, no tokens in URLs.
 */
class GHSA_7r3h_4ph8_w38g_CookieTossingAndSelfXss {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void cookieApiCallsNeedTheSessionsXsrfTokenAndATossedOneDoesNotHelp() throws Exception {
    var hub = hubs.start("");
    var alice = AdvisoryHub.Browser.create();
    alice.login(hub, "alice", "x", null);
    alice.get(hub.url("/hub/home"));
    URI tokens = URI.create(hub.url("/hub/api/users/alice/tokens"));
    var noHeader = alice.send(HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(noHeader.statusCode()).isEqualTo(403);

    // The attacker's own session gives a validly signed token, but for another session: useless here.
    var mallory = AdvisoryHub.Browser.create();
    mallory.login(hub, "mallory", "x", null);
    mallory.get(hub.url("/hub/home"));
    String tossed = mallory.sessionXsrf(hub);
    var withTossed = alice.send(HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
        .header("X-XSRFToken", tossed).header("Cookie", "_xsrf=" + tossed).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(withTossed.statusCode()).isEqualTo(403);

    var good = alice.send(HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
        .header("X-XSRFToken", alice.sessionXsrf(hub)).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(good.statusCode()).isEqualTo(201);
    String secret = hub.hub.tokens().issue("user", "alice", java.util.List.of("inherit"), "url", java.util.Optional.empty(),
        java.util.Optional.empty(), "jupyterhub").secret();
    var inUrl = AdvisoryHub.Browser.plain().send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/user?token=" + secret))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(inUrl.statusCode()).isEqualTo(403);
  }

  @Test
  void pagesRefuseFramingByOtherSitesAndSniffing() throws Exception {
    var hub = hubs.start("");
    var page = AdvisoryHub.Browser.create().get(hub.url("/hub/login"));
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).isPresent();
    var api = hub.api("GET", "/", null, null);
    assertThat(api.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
  }

  @Test
  void hostPrefixedCookiesAreSecureAndScopedToTheWholeHost() throws Exception {
    var hub = hubs.start("", "--JupyterHub.cookie_host_prefix_enabled=True");
    var client = AdvisoryHub.Browser.plain();
    var page = client.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login"))).build(), HttpResponse.BodyHandlers.ofString());
    String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
    assertThat(page.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c).startsWith("__Host-").contains("Path=/;")
        .contains("Secure"));
    var m = AdvisoryHub.XSRF_FIELD.matcher(page.body());
    assertThat(m.find()).isTrue();
    var login = client.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + m.group(1) + "&username=alice&password=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(String.join("\n", login.headers().allValues("Set-Cookie")))
        .contains("__Host-jupyterhub-hub-login=").doesNotContain("Path=/hub/");
  }
}
