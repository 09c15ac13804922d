package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Spawner.options_form end to end with real {@code jupyterhub-singleuser} servers (simple
 * spawner): the form's fields, or the API's JSON body, become the server's user_options.
 */
class SpawnOptionsTest {
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  static final String FORM = "<label>Image <input name=\"image\" value=\"base\"></label>"
      + "<select name=\"letter\" multiple><option value=\"A\">A</option><option value=\"B\">B</option></select>";
  @TempDir Path dir;
  RunningHub hub;
  final String user = "options" + ThrowAwayAccount.randomHex();

  @BeforeEach
  void startHub() {
    hub = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--JupyterHub.allow_named_servers=True", "--Spawner.options_form=" + FORM,
        "--Spawner.http_timeout=60", "--Spawner.start_timeout=60");
  }

  @AfterEach
  void stop() {
    hub.admin("DELETE", "/users/" + user + "/servers/lab", null);
    hub.admin("DELETE", "/users/" + user + "/server", null);
    hub.close();
  }

  @Test
  void theSpawnFormShowsTheAdminsHtmlAndItsFieldsBecomeUserOptions() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    Browser b = new Browser(hub.url(""));
    assertThat(b.login(user, "any").statusCode()).isEqualTo(302);
    HttpResponse<String> page = b.get("/hub/spawn");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).as("options_form is the admin's HTML, inserted as is").contains(FORM);
    HttpResponse<String> started = b.post("/hub/spawn", "_xsrf=" + xsrf(page) + "&image=scipy&letter=A&letter=B", null);
    assertThat(started.statusCode()).isEqualTo(302);
    // A server ready within the spawn page's wait goes straight to the server (JupyterHub's slow_spawn_timeout).
    assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).satisfiesAnyOf(
        at -> assertThat(at).startsWith("/hub/spawn-pending/" + user), at -> assertThat(at).startsWith("/user/" + user + "/")));
    JsonNode server = awaitReady("");
    assertThat(server.get("user_options").toString()).isEqualTo("{\"image\":[\"scipy\"],\"letter\":[\"A\",\"B\"]}");
  }

  @Test
  void aMultipartSubmissionLikeJupyterHubsOwnFormIsReadTheSameWay() throws Exception {
    Browser b = new Browser(hub.url(""));
    b.login(user, "any");
    HttpResponse<String> page = b.get("/hub/spawn/" + user + "/lab");
    String boundary = "----ganymede" + ThrowAwayAccount.randomHex();
    String body = part(boundary, "_xsrf", java.net.URLDecoder.decode(xsrf(page), StandardCharsets.UTF_8)) + part(boundary, "image", "r-base") + "--" + boundary + "--\r\n";
    HttpResponse<String> started = b.http.send(HttpRequest.newBuilder(page.uri())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    JsonNode lab = hub.admin("GET", "/users/" + user + "?include_stopped_servers", null).json().path("servers").path("lab");
    assertThat(lab.get("user_options").toString()).isEqualTo("{\"image\":[\"r-base\"]}");
  }

  @Test
  void theApiBodyBecomesUserOptionsAndAnEmptyBodyReusesTheLastOnes() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub.admin("POST", "/users/" + user, null);
    String options = "{\"size\":\"big\",\"gpus\":1,\"tags\":[\"a\",null]}";
    assertThat(hub.admin("POST", "/users/" + user + "/servers/lab", options).status()).isIn(201, 202);
    assertThat(awaitReady("lab").get("user_options").toString()).isEqualTo(options);
    assertThat(hub.admin("DELETE", "/users/" + user + "/servers/lab", null).status()).isIn(202, 204);
    awaitStopped("lab");
    assertThat(hub.admin("POST", "/users/" + user + "/servers/lab", null).status()).isIn(201, 202);
    assertThat(awaitReady("lab").get("user_options").toString()).as("JupyterHub reuses the last options").isEqualTo(options);
  }

  @Test
  void badOptionsAreRefusedWith400NamingTheProblemAndStartNothing() throws Exception {
    hub.admin("POST", "/users/" + user, null);
    var list = hub.admin("POST", "/users/" + user + "/server", "[\"image\"]");
    assertThat(list.status()).isEqualTo(400);
    assertThat(list.json().get("message").asString())
        .isEqualTo("The request body must be a JSON object of user_options, got array");
    var huge = hub.admin("POST", "/users/" + user + "/server", "{\"blob\": \"" + "x".repeat(100_000) + "\"}");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().get("message").asString()).startsWith("user_options too large: ")
        .endsWith("the largest field is 'blob'");

    Browser b = new Browser(hub.url(""));
    b.login(user, "any");
    HttpResponse<String> page = b.get("/hub/spawn");
    HttpResponse<String> form = b.post("/hub/spawn", "_xsrf=" + xsrf(page) + "&image=" + "y".repeat(100_000), null);
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(form.body()).as("the form again, with the reason").contains(FORM, "Error: user_options too large",
        "the largest field is &#39;image&#39;");
    assertThat(hub.admin("GET", "/users/" + user + "?include_stopped_servers", null).json().get("servers").size())
        .as("nothing started").isZero();
  }

  private static String part(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static String xsrf(HttpResponse<String> page) {
    Matcher m = XSRF.matcher(page.body());
    assertThat(m.find()).as("an _xsrf field on " + page.uri()).isTrue();
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  private JsonNode awaitReady(String server) throws InterruptedException {
    return await(server, true);
  }

  private void awaitStopped(String server) throws InterruptedException {
    await(server, false);
  }

  private JsonNode await(String server, boolean ready) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode s = hub.admin("GET", "/users/" + user + "?include_stopped_servers", null).json().path("servers")
          .path(server);
      if (s.path(ready ? "ready" : "stopped").asBoolean()) return s;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("server " + server + " never ready=" + ready + ": " + s);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
