package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
 * Spawner.profiles end to end with the simple spawner: a profile's command is a small shell that
 * writes its environment to a file and then runs the real {@code jupyterhub-singleuser}, so the
 * test sees what the picked profile and choice put into the server's environment.
 */
class SpawnProfilesEndToEndTest {
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  @TempDir Path dir;
  RunningHub hub;
  final String user = "profiles" + ThrowAwayAccount.randomHex();

  @BeforeEach
  void startHub() {
    String envFile = dir.resolve("env-{profile}.txt").toString();
    String shell = "['sh', '-c', 'env > \"$PROFILE_ENV_FILE\"; exec jupyterhub-singleuser \"$@\"', 'sh']";
    hub = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--Spawner.http_timeout=60", "--Spawner.start_timeout=60",
        "--Spawner.environment={'SITE': 'everywhere'}",
        "--Spawner.profiles=["
            + "{'display_name': 'Plain', 'description': 'Tools & <b>things</b>', 'default': True},"
            + "{'display_name': 'Science', 'slug': 'science',"
            + " 'spawner_override': {'cmd': " + shell + ", 'mem_limit': '2G', 'cpu_limit': 1.5, 'default_url': '/tree',"
            + "   'environment': {'PROFILE_ENV_FILE': '" + envFile.replace("{profile}", "science") + "', 'FLAVOUR': 'science'}},"
            + " 'profile_options': {'size': {'display_name': 'Size', 'choices': {"
            + "   'small': {'display_name': 'Small', 'default': True, 'spawner_override': {'environment': {'SIZE': 'small'}}},"
            + "   'large': {'display_name': 'Large', 'spawner_override': {'environment': {'SIZE': 'large'}, 'mem_limit': '8G'}}}}}}]");
  }

  @AfterEach
  void stop() {
    hub.admin("DELETE", "/users/" + user + "/server", null);
    hub.close();
  }

  @Test
  void thePickedProfileAndChoiceReachTheServersEnvironmentTheApiAndTheHomePage() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    Browser b = new Browser(hub.url(""));
    assertThat(b.login(user, "any").statusCode()).isEqualTo(302);
    HttpResponse<String> page = b.get("/hub/spawn");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<input type=\"radio\" name=\"profile\" id=\"profile-plain\" value=\"plain\" checked>",
        "id=\"profile-science\" value=\"science\">", "<select name=\"profile-option-science--size\"",
        "<option value=\"large\">Large</option>");
    assertThat(page.body()).as("the site's text is escaped").contains("Tools &amp; &lt;b&gt;things&lt;/b&gt;")
        .doesNotContain("<b>things</b>").doesNotContainIgnoringCase(" onclick=").doesNotContainIgnoringCase(" onchange=");

    HttpResponse<String> started = b.post("/hub/spawn", "_xsrf=" + xsrf(page)
        + "&profile=science&profile-option-science--size=large&profile-option-plain--size=ignored", null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    JsonNode server = awaitReady();
    assertThat(server.get("user_options").toString())
        .as("KubeSpawner's user_options: the profile and each option of it by name")
        .isEqualTo("{\"profile\":\"science\",\"size\":\"large\"}");

    List<String> env = Files.readAllLines(dir.resolve("env-science.txt"));
    assertThat(env).as("the profile's command ran with its environment, the choice's over it")
        .contains("FLAVOUR=science", "SIZE=large", "SITE=everywhere", "JUPYTERHUB_DEFAULT_URL=/tree",
            "CPU_LIMIT=1.5", "MEM_LIMIT=" + (8L << 30));

    HttpResponse<String> home = b.get("/hub/home");
    assertThat(home.body()).contains("Profile: <strong>Science (Size: Large)</strong>");
  }

  @Test
  void anUnknownProfileOrChoiceShowsTheFormAgainWithTheErrorBesideTheFieldAndStartsNothing() throws Exception {
    Browser b = new Browser(hub.url(""));
    b.login(user, "any");
    HttpResponse<String> page = b.get("/hub/spawn");

    HttpResponse<String> badProfile = b.post("/hub/spawn", "_xsrf=" + xsrf(page) + "&profile=%3Cimg%20src%3Dx%3E", null);
    assertThat(badProfile.statusCode()).isEqualTo(400);
    assertThat(badProfile.body()).contains("<p id=\"profile-error\" class=\"field-error error\" role=\"alert\">"
        + "unknown profile &#39;&lt;img src=x&gt;&#39;; choose one of [plain, science]</p>")
        .doesNotContain("<img src=x>");

    HttpResponse<String> badChoice = b.post("/hub/spawn", "_xsrf=" + xsrf(page)
        + "&profile=science&profile-option-science--size=huge", null);
    assertThat(badChoice.statusCode()).isEqualTo(400);
    assertThat(badChoice.body()).contains("aria-describedby=\"profile-option-science--size-error\"",
        "<p id=\"profile-option-science--size-error\" class=\"field-error error\" role=\"alert\">"
            + "unknown choice &#39;huge&#39; for Size; choose one of [small, large]</p>",
        "id=\"profile-science\" value=\"science\" checked>");
    assertThat(badChoice.body()).doesNotContain("id=\"profile-error\"");

    assertThat(hub.admin("GET", "/users/" + user + "?include_stopped_servers", null).json().get("servers").size())
        .as("nothing started").isZero();
  }

  @Test
  void theApiRefusesAProfileTheConfigDoesNotOffer() {
    hub.admin("POST", "/users/" + user, null);
    var refused = hub.admin("POST", "/users/" + user + "/server", "{\"profile\": \"gpu\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asString()).isEqualTo("unknown profile 'gpu'; choose one of [plain, science]");
    var badChoice = hub.admin("POST", "/users/" + user + "/server", "{\"profile\": \"science\", \"size\": \"xl\"}");
    assertThat(badChoice.status()).isEqualTo(400);
    assertThat(badChoice.json().get("message").asString()).isEqualTo("unknown choice 'xl' for Size; choose one of [small, large]");
  }

  private static String xsrf(HttpResponse<String> page) {
    Matcher m = XSRF.matcher(page.body());
    assertThat(m.find()).as("an _xsrf field on " + page.uri()).isTrue();
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  private JsonNode awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode s = hub.admin("GET", "/users/" + user + "?include_stopped_servers", null).json().path("servers").path("");
      if (s.path("ready").asBoolean()) return s;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("server never ready: " + s);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
