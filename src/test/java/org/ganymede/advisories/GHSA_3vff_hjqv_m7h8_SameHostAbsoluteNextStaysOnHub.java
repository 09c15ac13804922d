package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GHSA-3vff-hjqv-m7h8 / CVE-2026-33709: {@code next} may never send the browser off the hub after login. */
class GHSA_3vff_hjqv_m7h8_SameHostAbsoluteNextStaysOnHub {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @ParameterizedTest
  @ValueSource(strings = {"HUB///evil.example/", "HUB//evil.example/", "HUB////evil.example/", "//evil.example",
      "///evil.example/triple", "\\\\evil.example/backslashes", "https://evil.example/", "/\\evil.example",
      "/\tevil.example", "/%09/evil.example"})
  void loginRedirectStaysOnTheHub(String next) throws Exception {
    var hub = hubs.start("");
    String value = next.replace("HUB", hub.origin());
    var r = AdvisoryHub.Browser.create().login(hub, "alice", "x", value);
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).as(value + " -> " + location).startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\")
        .doesNotContain("\t");
    assertThat(java.net.URI.create(location.replace("\\", "%5C")).getHost()).isNull();
  }
}
