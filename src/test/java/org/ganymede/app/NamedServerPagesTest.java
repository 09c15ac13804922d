package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Named servers from the home page, with real {@code jupyterhub-singleuser} servers (the simple
 * spawner, so no Unix users are needed): add one by name, open it, stop it, delete it; a bad
 * name and a hub without named servers get clear refusals.
 */
class NamedServerPagesTest {
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  @TempDir Path dir;
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  private RunningHub start(boolean named) {
    return RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--JupyterHub.allow_named_servers=" + (named ? "True" : "False"),
        "--JupyterHub.named_server_limit_per_user=2");
  }

  @Test
  void aNamedServerIsAddedOpenedStoppedAndDeletedFromTheHomePage() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = start(true);
    Browser alice = new Browser(hub.url(""));
    assertThat(alice.login("alice", "any").statusCode()).isEqualTo(302);
    var home = alice.get("/hub/home");
    assertThat(home.body()).contains("Named servers", "up to 2", "id=\"new-server-name\"");

    var add = submit(alice, home, "/hub/home/start", "server=lab");
    assertThat(add.statusCode()).isEqualTo(302);
    assertThat(add.headers().firstValue("Location")).hasValue("/hub/spawn/alice/lab");
    alice.get("/hub/spawn/alice/lab");
    awaitServer("lab", true);

    home = alice.get("/hub/home");
    assertThat(row(home.body(), "lab")).contains("<a href=\"/user/alice/lab/\">lab</a>", ">running<", "class=\"stop\"");
    assertThat(alice.follow("/user/alice/lab/").statusCode()).as("the server itself, through the proxy").isEqualTo(200);

    assertThat(submit(alice, home, "/hub/home/stop", "server=lab").statusCode()).isEqualTo(302);
    awaitServer("lab", false);
    home = alice.get("/hub/home");
    assertThat(row(home.body(), "lab")).contains(">stopped<", "class=\"start\"", "class=\"delete\"");

    assertThat(submit(alice, home, "/hub/home/delete", "server=lab").statusCode()).isEqualTo(302);
    assertThat(alice.get("/hub/home").body()).doesNotContain("data-server-name=\"lab\"");
    assertThat(hub.admin("GET", "/users/alice", null).json().get("servers").has("lab")).isFalse();
  }

  @Test
  void badNamesAndDisabledNamedServersAreRefusedWithTheReason() throws Exception {
    hub = start(false);
    Browser alice = new Browser(hub.url(""));
    alice.login("alice", "any");
    var home = alice.get("/hub/home");
    assertThat(home.body()).doesNotContain("Named servers");
    var off = submit(alice, home, "/hub/home/start", "server=lab");
    assertThat(off.statusCode()).isEqualTo(400);
    assertThat(off.body()).contains("allow_named_servers");
    hub.close();

    hub = start(true);
    alice = new Browser(hub.url(""));
    alice.login("alice", "any");
    home = alice.get("/hub/home");
    var bad = submit(alice, home, "/hub/home/start", "server=" + URLEncoder.encode("my lab/..", StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Invalid server name", "may only contain letters, digits");
    var noXsrf = alice.post("/hub/home/start", "server=lab", null);
    assertThat(noXsrf.statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> submit(Browser b, HttpResponse<String> page, String action, String fields)
      throws Exception {
    Matcher m = XSRF.matcher(page.body());
    assertThat(m.find()).as("an _xsrf field on " + page.uri()).isTrue();
    return b.post(action, "_xsrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&" + fields, null);
  }

  private static String row(String html, String server) {
    int start = html.indexOf("data-server-name=\"" + server + "\"");
    assertThat(start).as("a row for " + server + " in " + html).isPositive();
    return html.substring(start, html.indexOf("</tr>", start));
  }

  private void awaitServer(String name, boolean ready) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode servers = hub.admin("GET", "/users/alice", null).json().get("servers");
      boolean isReady = servers.has(name) && servers.get(name).get("ready").asBoolean();
      if (isReady == ready) return;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("server " + name + " never became ready=" + ready + ": " + servers);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
