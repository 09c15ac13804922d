package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GHSA-m68r-v472-jgq9 / CVE-2026-40864: a cross-site {@code no-cors} POST (an attacker's form)
 * must not skip the XSRF check, here on the login form and the token API; the spawn form is in
 * {@link GHSA_m68r_v472_jgq9_CrossSiteSpawnPostNeedsXsrf}.
 */
class GHSA_m68r_v472_jgq9_NoCorsPostsNeedXsrf {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void crossSiteNoCorsPostIsRefusedAndSameOriginNoCorsGetIsServed() throws Exception {
    var hub = hubs.start("");
    var victim = AdvisoryHub.Browser.create();
    assertThat(victim.login(hub, "alice", "x", null).statusCode()).isEqualTo(302);
    victim.get(hub.url("/hub/home"));
    var forged = victim.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/alice/tokens")))
        .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(hub.api("GET", "/users/alice/tokens", hub.adminToken, null).body()).doesNotContain("\"note\":\"\"");
    var forgedLogin = AdvisoryHub.Browser.create().send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login")))
        .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Site", "cross-site")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=mallory&password=x")));
    assertThat(forgedLogin.statusCode()).isEqualTo(403);
    assertThat(hub.userExists("mallory")).isFalse();
    var sameOriginRead = victim.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/home")))
        .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Site", "same-origin"));
    assertThat(sameOriginRead.statusCode()).isEqualTo(200);
    var control = victim.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/alice/tokens")))
        .header("X-XSRFToken", victim.sessionXsrf(hub)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(control.statusCode()).isEqualTo(201);
  }
}
