package org.ganymede.advisories;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.app.Ganymede;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real hub on loopback for advisory tests, driven only over HTTP as an attacker or a victim's
 * browser would; an optional {@code jupyterhub_config.py} body sets roles and users.
 */
final class AdvisoryHub implements AutoCloseable {
  static final Pattern XSRF_FIELD = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  final Ganymede hub;
  final String adminToken;

  private AdvisoryHub(Ganymede hub, String adminToken) {
    this.hub = hub;
    this.adminToken = adminToken;
  }

  static AdvisoryHub start(Path dir, String configPy, String... traits) throws IOException {
    return start(dir, configPy, Map.of(), traits);
  }

  /** As {@link #start(Path, String, String...)}, with the process environment the hub sees. */
  static AdvisoryHub start(Path dir, String configPy, Map<String, String> env, String... traits) throws IOException {
    Path config = Files.writeString(dir.resolve("jupyterhub_config.py"), configPy);
    List<String> args = new ArrayList<>(List.of("--ip=127.0.0.1", "--port=" + freePort(), "--JupyterHub.hub_port=0",
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
        "--JupyterHub.authenticator_class=dummy", "--Authenticator.admin_users={'admin'}"));
    args.addAll(List.of(traits));
    var loaded = ConfigLoader.load(new ConfigSources(Optional.of(config), args, Map.of())).config();
    Ganymede hub = Ganymede.start(loaded, dir, env);
    String token = hub.tokens().issue("user", "admin", List.of("inherit"), "advisory test", Optional.empty(),
        Optional.empty(), "jupyterhub").secret();
    return new AdvisoryHub(hub, token);
  }

  static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + hub.publicPort() + path;
  }

  String origin() {
    return "http://127.0.0.1:" + hub.publicPort();
  }

  /** A token for {@code user} with the given scopes. */
  String token(String user, List<String> scopes) {
    return hub.tokens().issue("user", user, scopes, "advisory test", Optional.empty(), Optional.empty(), "jupyterhub").secret();
  }

  HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(url("/hub/api" + path))).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "token " + token);
    return Browser.plain().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Starts {@code user}'s default server as the admin and returns once it is ready: the progress
   * stream ends with the ready (or failed) event, so this waits on the hub, not on a timer.
   */
  void startServerAndAwaitReady(String user) throws Exception {
    var start = api("POST", "/users/" + user + "/server", adminToken, null);
    if (start.statusCode() != 201 && start.statusCode() != 202) throw new AssertionError("start: " + start.body());
    var progress = Browser.plain().send(HttpRequest.newBuilder(URI.create(url("/hub/api/users/" + user + "/server/progress")))
        .header("Authorization", "token " + adminToken).timeout(Duration.ofSeconds(120)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (!progress.body().contains("\"ready\":true")) throw new AssertionError("server of " + user + ": " + progress.body());
  }

  boolean userExists(String name) throws Exception {
    return api("GET", "/users/" + name, adminToken, null).statusCode() == 200;
  }

  @Override
  public void close() {
    hub.close();
  }

  /**
   * The set-up every advisory test shares: {@code @RegisterExtension final AdvisoryHub.PerTest hubs =
   * new AdvisoryHub.PerTest();} then {@code var hub = hubs.start(configPy, traits...)}; each hub
   * gets its own directory, and all are stopped and removed after the test.
   */
  static final class PerTest implements AfterEachCallback {
    private final List<AdvisoryHub> started = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    AdvisoryHub start(String configPy, String... traits) throws IOException {
      Path dir = Files.createTempDirectory("advisory-hub-");
      dirs.add(dir);
      AdvisoryHub hub = AdvisoryHub.start(dir, configPy, traits);
      started.add(hub);
      return hub;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
      started.forEach(AdvisoryHub::close);
      started.clear();
      for (Path dir : dirs) {
        try (var files = Files.walk(dir)) {
          for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
      }
      dirs.clear();
    }
  }

  /** A browser: cookie jar, no automatic redirects, navigations marked as such. */
  record Browser(HttpClient http, CookieManager jar) {
    static HttpClient plain() {
      return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Browser create() {
      CookieManager jar = new CookieManager();
      return new Browser(HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5)).build(), jar);
    }

    HttpResponse<String> get(String url) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("Sec-Fetch-Mode", "navigate").build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Where a run of redirects led: every URL asked for, in order, and the last response. */
    record Walk(List<String> visited, HttpResponse<String> last) {
      boolean anyVisit(String fragment) {
        return visited.stream().anyMatch(u -> u.contains(fragment));
      }
    }

    /** GETs {@code url} and follows up to 20 redirects one by one, as a browser navigating. */
    Walk follow(String url) throws Exception {
      List<String> visited = new ArrayList<>();
      URI next = URI.create(url);
      for (int i = 0; i < 20; i++) {
        visited.add(next.toString());
        HttpResponse<String> r = get(next.toString());
        if (r.statusCode() / 100 != 3) return new Walk(List.copyOf(visited), r);
        next = next.resolve(r.headers().firstValue("Location").orElseThrow());
      }
      throw new AssertionError("too many redirects: " + visited);
    }

    /** The value of the cookie {@code name} the jar holds for any path, if any. */
    Optional<String> cookie(String name) {
      return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
          .map(java.net.HttpCookie::getValue);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String xsrfFrom(HttpResponse<String> page) {
      Matcher m = XSRF_FIELD.matcher(page.body());
      if (!m.find()) throw new AssertionError("no _xsrf field in " + page.uri());
      return m.group(1);
    }

    /** Logs in through the form; returns the POST's response. */
    HttpResponse<String> login(AdvisoryHub hub, String user, String password, String next) throws Exception {
      String xsrf = xsrfFrom(get(hub.url("/hub/login")));
      String query = next == null ? "" : "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
      return send(HttpRequest.newBuilder(URI.create(hub.url("/hub/login" + query)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + xsrf + "&username="
              + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + "&password=" + password)));
    }

    /** The XSRF token a page of this session carries (from the home page). */
    String sessionXsrf(AdvisoryHub hub) throws Exception {
      return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("_xsrf")).findFirst()
          .map(java.net.HttpCookie::getValue).orElseThrow(() -> new AssertionError("no _xsrf cookie"));
    }
  }
}
