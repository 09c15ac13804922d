package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GHSA-p43p-whwx-q52h / CVE-2026-54338: a 1 MiB username is refused quickly, never echoed or logged whole. */
class GHSA_p43p_whwx_q52h_HugeUsernamesAreBounded {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void hugeUsernameIsRefusedAndLogLinesStayShort() throws Exception {
    try (var logs = CapturedLogs.start()) {
      var hub = hubs.start("", "--DummyAuthenticator.password=right");
      String huge = "A".repeat(1024 * 1024);
      long start = System.nanoTime();
      var r = AdvisoryHub.Browser.create().login(hub, huge, "wrong", null);
      assertThat(r.statusCode()).isIn(400, 403, 413);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
      assertThat(r.body()).doesNotContain("A".repeat(1000));
      var injected = AdvisoryHub.Browser.create().login(hub, "bob\n[I 2026-01-01 fake] admin logged in", "wrong", null);
      assertThat(injected.statusCode()).isEqualTo(403);
      assertThat(logs.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(2000));
      assertThat(logs.lines()).noneMatch(line -> line.startsWith("[I 2026-01-01 fake]"));
    }
  }
}
