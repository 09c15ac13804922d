package org.ganymede.app;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser: a cookie jar, redirects followed one by one (so tests can see them), forms with _xsrf.
 * Public for the root tests in {@code app.setup}, which drive a hub running as the service user.
 */
public final class Browser {
  private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  final CookieManager cookies = new CookieManager();
  final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final String origin;
  public final List<String> visited = new ArrayList<>();

  public Browser(String origin) {
    this.origin = origin;
  }

  public HttpResponse<String> get(String pathOrUrl) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(30))
        .header("Sec-Fetch-Mode", "navigate").build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET, following up to 20 redirects; every URL visited is recorded. */
  public HttpResponse<String> follow(String pathOrUrl) throws Exception {
    String url = pathOrUrl;
    for (int i = 0; i < 20; i++) {
      visited.add(url);
      HttpResponse<String> r = get(url);
      if (r.statusCode() / 100 != 3) return r;
      url = r.headers().firstValue("Location").orElseThrow();
    }
    throw new AssertionError("too many redirects: " + visited);
  }

  public HttpResponse<String> post(String path, String form, String xsrfHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (xsrfHeader != null) b.header("X-XSRFToken", xsrfHeader);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> postJson(String path, String json, String xsrfHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (xsrfHeader != null) b.header("X-XSRFToken", xsrfHeader);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in through the form; returns the response to the POST. */
  public HttpResponse<String> login(String user, String password) throws Exception {
    HttpResponse<String> page = get("/hub/login");
    Matcher m = XSRF.matcher(page.body());
    if (!m.find()) throw new AssertionError("no _xsrf field on the login page: " + page.body());
    return post("/hub/login", "_xsrf=" + m.group(1) + "&username=" + encode(user) + "&password=" + encode(password),
        null);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The cookie {@code name} set for exactly {@code path} (several paths may hold one name, like _xsrf). */
  public Optional<String> cookie(String name, String path) {
    return cookies.getCookieStore().get(uri(path)).stream()
        .filter(c -> c.getName().equals(name) && path.equals(c.getPath()))
        .map(HttpCookie::getValue).findFirst();
  }

  /** Opens a WebSocket with this browser's cookies for that path. */
  public WebSocket websocket(String path, WebSocket.Listener listener) {
    String cookieHeader = cookies.getCookieStore().get(uri(path)).stream()
        .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    URI ws = URI.create(origin.replaceFirst("^http", "ws") + path);
    return http.newWebSocketBuilder().header("Cookie", cookieHeader).connectTimeout(Duration.ofSeconds(10))
        .buildAsync(ws, listener).join();
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
  }
}
