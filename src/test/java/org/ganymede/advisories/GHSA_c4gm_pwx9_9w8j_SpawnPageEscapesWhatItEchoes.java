package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GHSA-c4gm-pwx9-9w8j, spawn page part: what {@code /hub/spawn} echoes (its own URL with
 * {@code next}, the reason a start was refused) is HTML-escaped; only {@code Spawner.options_form},
 * the admin's own HTML, is inserted as is (JupyterHub's {@code | safe}).
 */
class GHSA_c4gm_pwx9_9w8j_SpawnPageEscapesWhatItEchoes {
  static final String PAYLOAD = "\"><img src=x onerror=alert(1)>";
  static final String CONFIG = """
      c.JupyterHub.spawner_class = 'simple'
      c.Spawner.cmd = ['/bin/false']
      c.Spawner.options_form = '<label>Image <input name="image"></label> <em data-admin="yes">admin HTML</em>'
      """;
  @TempDir Path dir;
  AdvisoryHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  @Test
  void nextInTheSpawnUrlCannotBreakOutOfTheFormsAction() throws Exception {
    hub = AdvisoryHub.start(dir, CONFIG, "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("{username}"));
    var alice = AdvisoryHub.Browser.create();
    assertThat(alice.login(hub, "alice", "x", null).statusCode()).isEqualTo(302);
    // A browser percent-encodes '"' '<' '>' in a query; a raw request does not, so send one.
    String page = rawGet(alice, "/hub/spawn?next=/hub/" + PAYLOAD.replace(" ", "%20"));
    assertThat(page).startsWith("HTTP/1.1 200");
    // The page's own logo is an <img>; the injected one must never appear as markup.
    assertThat(page).contains("<em data-admin=\"yes\">admin HTML</em>").doesNotContain("<img src=x");
  }

  @Test
  void theReasonAStartWasRefusedIsEscaped() throws Exception {
    hub = AdvisoryHub.start(dir, CONFIG, "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("{username}"));
    var alice = AdvisoryHub.Browser.create();
    alice.login(hub, "alice", "x", null);
    String xsrf = alice.xsrfFrom(alice.get(hub.url("/hub/spawn")));
    // The refusal names the largest field: here a field whose name is markup.
    var refused = alice.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/spawn")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + URLEncoder.encode(xsrf, StandardCharsets.UTF_8) + "&"
            + URLEncoder.encode("<img src=x onerror=alert(1)>", StandardCharsets.UTF_8) + "=" + "y".repeat(70_000))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("user_options too large", "&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img src=x");
  }

  @Test
  void anOffSiteNextIsNotFollowedAfterTheSpawn() throws Exception {
    hub = AdvisoryHub.start(dir, CONFIG, "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("{username}"));
    var alice = AdvisoryHub.Browser.create();
    alice.login(hub, "alice", "x", null);
    String next = URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8);
    String xsrf = alice.xsrfFrom(alice.get(hub.url("/hub/spawn?next=" + next)));
    var started = alice.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/spawn?next=" + next)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + URLEncoder.encode(xsrf, StandardCharsets.UTF_8)
            + "&image=x")));
    assertThat(started.statusCode()).isEqualTo(302);
    assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l ->
        assertThat(l).startsWith("/hub/").doesNotContain("evil.example"));
  }

  /** GET with the request line exactly as given and the browser's cookies; returns head and body. */
  private String rawGet(AdvisoryHub.Browser b, String pathAndQuery) throws IOException {
    String cookies = b.jar().getCookieStore().getCookies().stream().map(HttpCookie::toString)
        .collect(Collectors.joining("; "));
    try (Socket s = new Socket("127.0.0.1", hub.hub.publicPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookies
          + "\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
