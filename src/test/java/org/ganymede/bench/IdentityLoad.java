package org.ganymede.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Login load for bench/identity: the directory's own bind rate, and form logins through a hub.
 *
 * <ul>
 *   <li>{@code bind --host H --port P --template 'uid={user},ou=people,dc=bench,dc=test' --users N
 *       --seconds S [--concurrency C]}: each worker keeps one connection to the directory and binds
 *       as {@code user1..userN} in turn (password {@code pw-userI}); the floor under any LDAP login.
 *   <li>{@code login --url U --users N --seconds S [--concurrency C] [--user NAME --password PW]}:
 *       browser-like form logins (GET the form for {@code _xsrf} and cookies, POST the credentials)
 *       as {@code user1..userN} with {@code pw-userI}, or always as {@code NAME}/{@code PW}; a 302 counts.
 *   <li>{@code oidc --url U --seconds S [--concurrency C]}: OpenID Connect logins through the hub's
 *       {@code /hub/oauth_login}: to the provider's authorize endpoint (it answers at once), back to
 *       {@code /hub/oauth_callback} with the code and the state cookie; a 302 from the callback counts.
 * </ul>
 *
 * <p>Prints {@code RESULT per_s=… ok=… failed=… seconds=… concurrency=…}.
 */
public final class IdentityLoad {
  private static final Pattern XSRF_FIELD = Pattern.compile("name=[\"']_xsrf[\"'][^>]*value=[\"']([^\"']+)[\"']");

  private IdentityLoad() {}

  interface Attempt {
    void run(int worker, int i) throws Exception;
  }

  public static void main(String[] argv) throws Exception {
    var args = BenchArgs.parse(argv, List.of("host", "port", "template", "users", "seconds", "concurrency", "url",
        "user", "password"));
    int users = args.integer("users", 50);
    int concurrency = args.integer("concurrency", 8);
    double seconds = args.decimal("seconds", 5);
    int exit = switch (args.command()) {
      case "bind" -> {
        String host = args.required("host");
        int port = Integer.parseInt(args.required("port"));
        String template = args.required("template");
        ThreadLocal<LDAPConnection> connections = new ThreadLocal<>();
        yield run(seconds, concurrency, (w, i) -> {
          if (connections.get() == null || !connections.get().isConnected()) {
            connections.set(new LDAPConnection(host, port));
          }
          String user = "user" + (1 + (w + i * concurrency) % users);
          connections.get().bind(template.replace("{user}", user), "pw-" + user);
        });
      }
      case "login" -> {
        String url = args.required("url");
        String fixedUser = args.text("user", "");
        String fixedPassword = args.text("password", "");
        ThreadLocal<RawHttp> connections = ThreadLocal.withInitial(() -> new RawHttp(URI.create(url), 60_000));
        yield run(seconds, concurrency, (w, i) -> {
          String user = fixedUser.isEmpty() ? "user" + (1 + (w + i * concurrency) % users) : fixedUser;
          String password = fixedUser.isEmpty() ? "pw-" + user : fixedPassword;
          try {
            login(connections.get(), URI.create(url).getRawPath(), user, password);
          } catch (IOException | RuntimeException e) {
            connections.get().close();
            connections.remove();
            throw e;
          }
        });
      }
      case "oidc" -> {
        URI hub = URI.create(args.required("url"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
        yield run(seconds, concurrency, (w, i) -> oidcLogin(http, hub));
      }
      default -> throw new IllegalArgumentException("unknown command '" + args.command() + "'; expected bind, login or oidc");
    };
    System.exit(exit);
  }

  private static int run(double seconds, int concurrency, Attempt attempt) throws InterruptedException {
    var ok = new LongAdder();
    var failed = new LongAdder();
    var firstFailure = new AtomicReference<String>();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    try (var workers = Executors.newFixedThreadPool(concurrency)) {
      for (int w = 0; w < concurrency; w++) {
        int worker = w;
        workers.submit(() -> {
          for (int i = 0; System.nanoTime() < deadline; i++) {
            try {
              attempt.run(worker, i);
              ok.increment();
            } catch (Exception e) {
              failed.increment();
              firstFailure.compareAndSet(null, e.toString());
            }
          }
        });
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (firstFailure.get() != null) System.err.println("IdentityLoad: first failure: " + firstFailure.get());
    System.out.printf(Locale.ROOT, "RESULT per_s=%.1f ok=%d failed=%d seconds=%.2f concurrency=%d%n",
        ok.sum() / elapsed, ok.sum(), failed.sum(), elapsed, concurrency);
    return ok.sum() > 0 ? 0 : 1;
  }

  /** One browser-like OIDC login; the state cookie is the only cookie it needs to carry. */
  private static void oidcLogin(java.net.http.HttpClient http, URI hub) throws Exception {
    var toProvider = http.send(java.net.http.HttpRequest.newBuilder(hub.resolve("/hub/oauth_login?next=%2Fhub%2Fhome"))
        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    if (toProvider.statusCode() != 302) throw new IOException("/hub/oauth_login answered " + toProvider.statusCode());
    String cookie = toProvider.headers().allValues("set-cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
    var back = http.send(java.net.http.HttpRequest.newBuilder(URI.create(toProvider.headers().firstValue("location")
        .orElseThrow())).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    if (back.statusCode() != 302) throw new IOException("the provider's authorize answered " + back.statusCode());
    var landed = http.send(java.net.http.HttpRequest.newBuilder(hub.resolve(URI.create(back.headers()
        .firstValue("location").orElseThrow()).toString())).header("Cookie", cookie).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    if (landed.statusCode() != 302) {
      throw new IOException("/hub/oauth_callback answered " + landed.statusCode() + ": "
          + landed.body().substring(0, Math.min(200, landed.body().length())));
    }
  }

  private static void login(RawHttp connection, String base, String user, String password) throws IOException {
    String path = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/hub/login";
    var form = connection.exchange("GET", path, List.of(), null);
    if (form.status() != 200) throw new IOException("GET /hub/login answered " + form.status());
    Map<String, String> jar = new LinkedHashMap<>();
    for (String header : form.all("set-cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", user);
    fields.put("password", password);
    var xsrf = XSRF_FIELD.matcher(form.text());
    if (xsrf.find()) fields.put("_xsrf", xsrf.group(1));
    List<String> headers = new ArrayList<>(List.of("Content-Type: application/x-www-form-urlencoded"));
    if (!jar.isEmpty()) {
      headers.add("Cookie: " + jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    var answer = connection.exchange("POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
    if (answer.status() != 302) throw new IOException("POST /hub/login answered " + answer.status() + " instead of 302");
  }
}
