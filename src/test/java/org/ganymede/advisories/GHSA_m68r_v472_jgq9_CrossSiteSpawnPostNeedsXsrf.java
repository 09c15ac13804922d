package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GHSA-m68r-v472-jgq9 / CVE-2026-40864, spawn part: an attacker's page making a logged-in
 * victim's browser POST the spawn form ({@code Sec-Fetch-Mode: no-cors}, cross-site, no
 * {@code _xsrf}) starts nothing.
 */
class GHSA_m68r_v472_jgq9_CrossSiteSpawnPostNeedsXsrf {
  @TempDir Path dir;
  AdvisoryHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  @Test
  void crossSiteSpawnPostWithoutXsrfStartsNothingAndTheRealFormDoes() throws Exception {
    hub = AdvisoryHub.start(dir, """
        c.JupyterHub.spawner_class = 'simple'
        c.Spawner.cmd = ['/bin/false']
        c.Spawner.options_form = '<input name="image">'
        """, "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("{username}"));
    var victim = AdvisoryHub.Browser.create();
    assertThat(victim.login(hub, "alice", "x", null).statusCode()).isEqualTo(302);
    String xsrf = victim.xsrfFrom(victim.get(hub.url("/hub/spawn")));

    var forged = victim.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/spawn/alice")))
        .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Site", "cross-site")
        .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("image=attacker%2Fimage")));
    assertThat(forged.statusCode()).isEqualTo(403);
    var alice = hub.api("GET", "/users/alice?include_stopped_servers", hub.adminToken, null);
    assertThat(alice.body()).contains("\"servers\":{}").doesNotContain("attacker");

    var real = victim.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/spawn/alice")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + URLEncoder.encode(xsrf, StandardCharsets.UTF_8)
            + "&image=mine")));
    assertThat(real.statusCode()).isEqualTo(302);
    assertThat(hub.api("GET", "/users/alice?include_stopped_servers", hub.adminToken, null).body())
        .contains("\"user_options\":{\"image\":[\"mine\"]}");
  }
}
