package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page traits JupyterHub sites set: {@code template_paths}, {@code template_vars},
 * {@code logo_file}, {@code default_url}, {@code redirect_to_server}, {@code default_server_name},
 * {@code trusted_downstream_ips}; and HEAD on pages. Each on a whole hub on random ports.
 */
class PageSettingsTest {
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  /** The first bytes of a PNG file: enough for the hub, which serves the file as it is. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  @TempDir Path dir;
  RunningHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  @Test
  void aSiteTemplateDirectoryReplacesLoginAndPageAndTemplateVarsReachEveryPage() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site-templates"));
    Files.writeString(site.resolve("login.html"), """
        {% extends "page.html" %}
        {% block main %}<form id="site-login" method="post" action="{{ base_url }}hub/login?next={{ next | urlencode }}">
        <input type="hidden" name="_xsrf" value="{{ xsrf }}"><p>{{ site_greeting }}</p>
        <input name="username"><input name="password" type="password"></form>{% endblock %}
        """);
    Files.writeString(site.resolve("page.html"), """
        {% extends "templates/page.html" %}
        {% block footer %}<footer id="site-footer">{{ site_name }}</footer>{% endblock %}
        """);
    hub = RunningHub.start(dir, "--JupyterHub.template_paths=['" + site + "']",
        "--JupyterHub.template_vars={'site_name': 'Physics Hub', 'site_greeting': 'Welcome <b>physicists</b>', "
            + "'announcement': 'Maintenance <em>tonight</em>', 'announcement_login': 'Sign in with your lab account'}");

    Browser alice = new Browser(hub.url(""));
    var login = alice.get("/hub/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).as("the site's login.html").contains("id=\"site-login\"")
        .contains("Welcome &lt;b&gt;physicists&lt;/b&gt;")
        .as("the site's page.html, extending the built-in one").contains("<footer id=\"site-footer\">Physics Hub</footer>")
        .as("announcement_login wins on the login page").contains("Sign in with your lab account")
        .doesNotContain("Maintenance");
    assertThat(alice.login("alice", "x").statusCode()).as("the site's form logs in").isEqualTo(302);
    var token = alice.get("/hub/token");
    assertThat(token.body()).contains("<footer id=\"site-footer\">Physics Hub</footer>")
        .as("the announcement is HTML from the administrator, as in JupyterHub").contains("Maintenance <em>tonight</em>");
    var error = alice.get("/hub/error/404");
    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(error.body()).contains("<footer id=\"site-footer\">Physics Hub</footer>", "Maintenance <em>tonight</em>");
  }

  @Test
  void aSiteTemplateThatDoesNotParseStopsTheStartNamingTheFile() throws Exception {
    Path site = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(site.resolve("home.html"), "{% extends \"page.html\" %}{% block main %}{% if %}{% endblock %}");
    assertThatThrownBy(() -> RunningHub.start(dir, "--JupyterHub.template_paths=['" + site + "']"))
        .hasMessageContaining("JupyterHub.template_paths").hasMessageContaining(site.resolve("home.html").toString());
    assertThatThrownBy(() -> RunningHub.start(dir, "--JupyterHub.template_paths=['" + dir.resolve("absent") + "']"))
        .hasMessageContaining("JupyterHub.template_paths").hasMessageContaining("absent");
  }

  @Test
  void theLogoIsTheBuiltInOneOrTheConfiguredFileWithItsContentType() throws Exception {
    hub = RunningHub.start(dir);
    var builtIn = new Browser(hub.url("")).get("/hub/logo");
    assertThat(builtIn.statusCode()).isEqualTo(200);
    assertThat(builtIn.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(builtIn.body()).startsWith("<svg");
    assertThat(new Browser(hub.url("")).get("/hub/login").body()).contains("src=\"/hub/logo\"");
    hub.close();

    Path png = Files.write(dir.resolve("site-logo.png"), PNG);
    hub = RunningHub.start(dir, "--JupyterHub.logo_file=" + png);
    var site = hub.http.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/logo"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(site.statusCode()).isEqualTo(200);
    assertThat(site.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(site.body()).isEqualTo(PNG);
    hub.close();
    hub = null;

    assertThatThrownBy(() -> RunningHub.start(dir, "--JupyterHub.logo_file=" + dir.resolve("missing.png")))
        .hasMessageContaining("JupyterHub.logo_file").hasMessageContaining("missing.png");
  }

  @Test
  void headOnPagesAnswersLikeGetWithoutABodyButNeverSpawnsNorLogsOut() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.redirect_to_server=False");
    Browser alice = new Browser(hub.url(""));
    alice.login("alice", "x");
    for (String page : new String[] {"/hub/login", "/hub/home", "/hub/token", "/hub/logo", "/hub/error/503",
        "/hub/no-such-page", "/hub/"}) {
      var get = alice.get(page);
      var head = alice.http.send(HttpRequest.newBuilder(URI.create(hub.url(page))).method("HEAD",
          HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).as("HEAD " + page).isEqualTo(get.statusCode());
      assertThat(head.body()).as("HEAD " + page).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).as("HEAD " + page)
          .isEqualTo(get.headers().firstValue("Content-Type"));
      assertThat(head.headers().firstValue("Location")).as("HEAD " + page).isEqualTo(get.headers().firstValue("Location"));
      if (!get.body().isEmpty()) {
        assertThat(head.headers().firstValue("Content-Length")).as("HEAD " + page).isPresent();
      }
    }
    for (String acting : new String[] {"/hub/spawn", "/hub/spawn/alice", "/hub/logout"}) {
      var head = alice.http.send(HttpRequest.newBuilder(URI.create(hub.url(acting))).method("HEAD",
          HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).as("HEAD " + acting).isEqualTo(405);
      assertThat(head.headers().firstValue("Allow")).as("HEAD " + acting).isPresent();
    }
    assertThat(alice.get("/hub/home").statusCode()).as("still logged in").isEqualTo(200);
    assertThat(hub.admin("GET", "/users/alice", null).json().get("servers").size()).as("nothing spawned").isZero();
  }

  @Test
  void defaultUrlIsWhereTheHubRootAndALoginWithoutNextSendEveryone() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.default_url=/hub/token");
    Browser alice = new Browser(hub.url(""));
    assertThat(alice.get("/hub/").headers().firstValue("Location")).as("anonymous").hasValue("/hub/token");
    assertThat(alice.login("alice", "x").headers().firstValue("Location")).hasValue("/hub/token");
    assertThat(alice.get("/hub/").headers().firstValue("Location")).as("logged in").hasValue("/hub/token");
    assertThat(alice.get("/hub/login?next=%2Fhub%2Fhome").headers().firstValue("Location"))
        .as("an explicit next still wins").hasValue("/hub/home");
    hub.close();
    hub = null;
    assertThatThrownBy(() -> RunningHub.start(dir, "--JupyterHub.default_url=hub/home"))
        .hasMessageContaining("JupyterHub.default_url");
  }

  @Test
  void withoutRedirectToServerALoginEndsOnHomeAndTheRootToo() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.redirect_to_server=False");
    Browser alice = new Browser(hub.url(""));
    assertThat(alice.get("/hub/").headers().firstValue("Location")).hasValue("/hub/login?next=%2Fhub%2F");
    assertThat(alice.login("alice", "x").headers().firstValue("Location")).hasValue("/hub/home");
    assertThat(alice.get("/hub/").headers().firstValue("Location")).hasValue("/hub/home");
    assertThat(alice.get("/hub/login").headers().firstValue("Location")).hasValue("/hub/home");
  }

  @Test
  void redirectToServerSendsALoginToSpawnOrToTheRunningServer() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"));
    Browser alice = new Browser(hub.url(""));
    assertThat(alice.login("alice", "x").headers().firstValue("Location")).as("default: on to spawn")
        .hasValue("/hub/spawn");
    assertThat(alice.get("/hub/").headers().firstValue("Location")).hasValue("/hub/spawn");
    assertThat(hub.admin("POST", "/users/alice/server", null).status()).isIn(201, 202);
    awaitReady("alice", "");
    assertThat(alice.get("/hub/").headers().firstValue("Location")).hasValue("/user/alice/");
    assertThat(new Browser(hub.url("")).login("alice", "x").headers().firstValue("Location"))
        .as("a running server: straight to it").hasValue("/user/alice/");
  }

  @Test
  void userRedirectOpensTheDefaultServerNameWhenNamedServersAreOn() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.allow_named_servers=True", "--JupyterHub.default_server_name=lab");
    Browser alice = new Browser(hub.url(""));
    alice.login("alice", "x");
    assertThat(alice.get("/hub/user-redirect/tree/notes.ipynb?x=1").headers().firstValue("Location"))
        .hasValue("/hub/spawn/alice/lab?next=" + URLEncoder.encode("/user/alice/lab/tree/notes.ipynb?x=1",
            StandardCharsets.UTF_8));
    hub.close();

    hub = RunningHub.start(dir, "--JupyterHub.default_server_name=lab");
    alice = new Browser(hub.url(""));
    alice.login("alice", "x");
    assertThat(alice.get("/hub/user-redirect/tree").headers().firstValue("Location"))
        .as("ignored without named servers, as in JupyterHub")
        .hasValue("/hub/spawn/alice?next=" + URLEncoder.encode("/user/alice/tree", StandardCharsets.UTF_8));
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedClientDoesNotChangeTheAddressLoginLimitingUses() throws Exception {
    hub = RunningHub.start(dir, "--DummyAuthenticator.password=s3cret-pass");
    for (int i = 1; i <= 5; i++) {
      assertThat(login("user" + i, "wrong", "203.0.113." + i).statusCode()).isEqualTo(403);
    }
    var next = login("user6", "s3cret-pass", "198.51.100.7");
    assertThat(next.statusCode()).as("the proxy saw 127.0.0.1 each time: that address is throttled").isEqualTo(429);
  }

  @Test
  void forwardedHopsFromTrustedDownstreamProxiesAreSkipped() throws Exception {
    hub = RunningHub.start(dir, "--DummyAuthenticator.password=s3cret-pass",
        "--JupyterHub.trusted_downstream_ips=['127.0.0.1']");
    for (int i = 1; i <= 5; i++) {
      assertThat(login("user" + i, "wrong", "203.0.113.1").statusCode()).isEqualTo(403);
    }
    assertThat(login("user6", "s3cret-pass", "203.0.113.1").statusCode()).as("that client is throttled").isEqualTo(429);
    assertThat(login("user7", "s3cret-pass", "198.51.100.7").statusCode()).as("another client is not").isEqualTo(302);
    assertThatThrownBy(() -> RunningHub.start(Files.createDirectories(dir.resolve("second")), "--JupyterHub.trusted_downstream_ips=['10.0.0.0/8']"))
        .hasMessageContaining("JupyterHub.trusted_downstream_ips").hasMessageContaining("10.0.0.0/8");
  }

  /** A login from a fresh browser that sends {@code X-Forwarded-For: forwardedFor}. */
  private HttpResponse<String> login(String user, String password, String forwardedFor) throws Exception {
    Browser b = new Browser(hub.url(""));
    var page = b.get("/hub/login");
    Matcher m = XSRF.matcher(page.body());
    assertThat(m.find()).isTrue();
    return b.http.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login"))).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + m.group(1) + "&username=" + user + "&password=" + password))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(String user, String server) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      var servers = hub.admin("GET", "/users/" + user, null).json().get("servers");
      if (servers.has(server) && servers.get(server).get("ready").asBoolean()) return;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("server never became ready: " + servers);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
