package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GHSA-c4gm-pwx9-9w8j: next values are HTML-escaped where pages render them (login; sharing is not in Ganymede). */
class GHSA_c4gm_pwx9_9w8j_NextIsEscapedInPages {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void loginPageDoesNotLetNextBreakOutOfItsAttribute() throws Exception {
    var hub = hubs.start("");
    for (String next : new String[] {"/hub/\"><img src=x onerror=alert(1)>", "/hub/home'><img src=x onerror=alert(1)>"}) {
      var page = AdvisoryHub.Browser.create().get(hub.url("/hub/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).as("the injected tag (the page has its own logo img)").doesNotContain("<img src=x");
    }
  }
}
