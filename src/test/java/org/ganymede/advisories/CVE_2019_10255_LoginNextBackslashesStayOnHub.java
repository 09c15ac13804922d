package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CVE-2019-10255: next values that browsers normalise into another host stay on the hub (already logged in too). */
class CVE_2019_10255_LoginNextBackslashesStayOnHub {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @ParameterizedTest
  @ValueSource(strings = {"/\\evil.example", "%5C%5Cevil.example", "/%09/evil.example", "\\/evil.example"})
  void loggedInUserVisitingLoginIsRedirectedOnTheHub(String next) throws Exception {
    var hub = hubs.start("");
    var b = AdvisoryHub.Browser.create();
    b.login(hub, "alice", "x", null);
    var r = b.get(hub.url("/hub/login?next=" + next.replace("\\", "%5C")));
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).as(next + " -> " + location).startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\")
        .doesNotContain("\t");
  }
}
