package org.ganymede.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ganymede.http.Json;
import tools.jackson.databind.JsonNode;

/**
 * A headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK
 * HttpClient (no Selenium in the pom). One instance owns one chromedriver process, one browser
 * session and one fresh profile directory; {@link #close()} ends all three, also after failures.
 */
final class WebDriverSession implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** The W3C key under which an element reference travels. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Process driver;
  private final Path profile;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String sessionUrl = "";

  private WebDriverSession(Process driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /** Why a browser test cannot run here, if it cannot. */
  static Optional<String> unavailable() {
    if (!Files.isExecutable(CHROMIUM)) return Optional.of("needs " + CHROMIUM + " (apt-get install chromium)");
    if (!Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of("needs " + CHROMEDRIVER + " (apt-get install chromium-driver)");
    }
    return Optional.empty();
  }

  /** Starts chromedriver on a free loopback port and opens a headless browser session. */
  static WebDriverSession open() throws IOException, InterruptedException {
    int port = freePort();
    Path profile = Files.createTempDirectory("ganymede-chromium");
    Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    WebDriverSession s = new WebDriverSession(driver, profile, "http://127.0.0.1:" + port);
    try {
      s.awaitDriverReady(Duration.ofSeconds(20));
      s.startSession();
      return s;
    } catch (RuntimeException | InterruptedException e) {
      s.close();
      throw e;
    }
  }

  private void awaitDriverReady(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!driver.isAlive()) throw new IllegalStateException("chromedriver exited with " + driver.exitValue());
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).path("value").path("ready").asBoolean(false)) {
          return;
        }
      } catch (IOException notYetListening) {
        // chromedriver is still starting; try again until the deadline
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("chromedriver did not answer on " + base + " within " + limit);
  }

  private void startSession() {
    Map<String, Object> chrome = Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile));
    JsonNode value = call("POST", base + "/session", Map.of("capabilities",
        Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", chrome))));
    sessionUrl = base + "/session/" + value.get("sessionId").asString();
    call("POST", sessionUrl + "/timeouts", Map.of("pageLoad", 60_000, "script", 30_000, "implicit", 0));
  }

  void navigate(String url) {
    call("POST", sessionUrl + "/url", Map.of("url", url));
  }

  /** Forgets every cookie of the current page's domain (a fresh visitor for the next test). */
  void deleteCookies() {
    call("DELETE", sessionUrl + "/cookie", null);
  }

  /** The names and paths of the cookies the browser would send to the current page, as "name path". */
  List<String> cookies() {
    return call("GET", sessionUrl + "/cookie", null).valueStream()
        .map(c -> c.path("name").asString() + " " + c.path("path").asString()).toList();
  }

  String currentUrl() {
    return call("GET", sessionUrl + "/url", null).asString();
  }

  String pageSource() {
    return call("GET", sessionUrl + "/source", null).asString();
  }

  /** The page source cut to a size fit for a failure message (Chromium's error pages embed large images). */
  String sourceExcerpt() {
    String source = pageSource().replaceAll("data:[^\"]{200,}", "data:…");
    return source.length() <= 4000 ? source : source.substring(0, 4000) + "…";
  }

  /** The page's visible text. */
  String bodyText() {
    return text(find("body"));
  }

  /** The first element matching {@code css}, or an assertion error naming the selector and the URL. */
  String find(String css) {
    return findAll(css).stream().findFirst().orElseThrow(() ->
        new AssertionError("no element '" + css + "' on " + currentUrl() + ":\n" + sourceExcerpt()));
  }

  List<String> findAll(String css) {
    JsonNode value = call("POST", sessionUrl + "/elements", Map.of("using", "css selector", "value", css));
    return value.valueStream().map(e -> e.get(ELEMENT).asString()).toList();
  }

  void type(String css, String text) {
    String id = find(css);
    call("POST", sessionUrl + "/element/" + id + "/clear", Map.of());
    call("POST", sessionUrl + "/element/" + id + "/value", Map.of("text", text));
  }

  void click(String css) {
    call("POST", sessionUrl + "/element/" + find(css) + "/click", Map.of());
  }

  String text(String elementId) {
    return call("GET", sessionUrl + "/element/" + elementId + "/text", null).asString();
  }

  /** Runs {@code script} (a function body; arguments in {@code arguments}) in the page; returns its result. */
  JsonNode execute(String script, Object... args) {
    return call("POST", sessionUrl + "/execute/sync", Map.of("script", script, "args", List.of(args)));
  }

  /** Signs in through the hub's login form at {@code loginUrl} and waits for the home page. */
  void logInToHome(String loginUrl, String user, String password, Duration limit) throws InterruptedException {
    navigate(loginUrl);
    type("#username_input", user);
    type("#password_input", password);
    click("#login_submit");
    awaitUrl(u -> u.endsWith("/hub/home"), limit, () -> {}, new java.util.ArrayList<>());
  }

  /**
   * Polls the current URL until it satisfies {@code done}, calling {@code onEachPoll} between polls
   * (to record what the page shows meanwhile); fails after {@code limit} naming the URLs seen.
   */
  String awaitUrl(Predicate<String> done, Duration limit, Runnable onEachPoll, List<String> seen)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      String url = currentUrl();
      if (seen.isEmpty() || !seen.getLast().equals(url)) seen.add(url);
      if (done.test(url)) return url;
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("URL still " + url + " after " + limit + "; URLs seen: " + seen
            + "\npage source:\n" + sourceExcerpt());
      }
      onEachPoll.run();
      Thread.sleep(100);
    }
  }

  private JsonNode call(String method, String url, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(COMMAND_TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode value = Json.MAPPER.readTree(r.body()).path("value");
      if (r.statusCode() != 200) {
        throw new IllegalStateException("WebDriver " + method + " " + url + " failed with " + r.statusCode() + ": "
            + value.path("error").asString("") + " " + value.path("message").asString(""));
      }
      return value;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("WebDriver " + method + " " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the session (chromedriver quits Chromium), then kills whatever is left and removes the profile. */
  @Override
  public void close() {
    try {
      if (!sessionUrl.isEmpty() && driver.isAlive()) call("DELETE", sessionUrl, null);
    } catch (RuntimeException ignored) {
      // the processes are killed below either way
    }
    List<ProcessHandle> tree = Stream.concat(driver.descendants(), Stream.of(driver.toHandle())).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> p).join());
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover profile in /tmp is harmless
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
