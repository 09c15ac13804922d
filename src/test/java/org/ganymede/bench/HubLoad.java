package org.ganymede.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hub load that wrk cannot drive: batch user creation, a timed full list, and form logins.
 *
 * <ul>
 *   <li>{@code create --url U --token T --users N [--batch 500] [--prefix user]}: creates
 *       {@code <prefix>000000 … } through {@code POST /hub/api/users {"usernames": [...]}}, one batch
 *       after the other as an admin script would; prints {@code RESULT seconds=… users_per_s=…}.
 *   <li>{@code list --url U --token T --users N [--repeat 3]}: {@code GET /hub/api/users?limit=N}, in one
 *       response, after one untimed request; prints the median time and the number of users returned.
 *   <li>{@code login --url U --seconds S [--concurrency 20] [--prefix login]}: each worker logs in with
 *       new usernames through the login form (GET the form for its {@code _xsrf} field and cookies,
 *       POST username and password with them); a 302 counts as a login. Each worker is a thread with
 *       one keep-alive connection on a plain socket ({@link RawHttp}): the JDK's HttpClient used ~1 core
 *       for 550 logins/s, so on 2 cores it, not the hub, set the pace.
 * </ul>
 * U is the public base URL without a trailing slash, e.g. {@code http://127.0.0.1:8000}.
 */
public final class HubLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern XSRF_FIELD = Pattern.compile("name=[\"']_xsrf[\"'][^>]*value=[\"']([^\"']+)[\"']");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;

    private HubLoad(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static void main(String[] argv) throws Exception {
        var args = BenchArgs.parse(argv,
                List.of("url", "token", "users", "batch", "prefix", "repeat", "seconds", "concurrency"));
        var load = new HubLoad(args.required("url"));
        int exitCode = switch (args.command()) {
            case "create" -> load.create(args.required("token"), args.integer("users", 600),
                    args.integer("batch", 500), args.text("prefix", "user"));
            case "list" -> load.list(args.required("token"), args.integer("users", 600), args.integer("repeat", 3));
            case "login" -> load.login(args.decimal("seconds", 10), args.integer("concurrency", 20),
                    args.text("prefix", "login"));
            default -> throw new IllegalArgumentException(
                    "unknown command '" + args.command() + "'; expected create, list or login");
        };
        System.exit(exitCode);
    }

    /** The name of the i-th created user; bench/hub/get-user.lua builds the same names. */
    static String userName(String prefix, int i) {
        return String.format(Locale.ROOT, "%s%06d", prefix, i);
    }

    private int create(String token, int users, int batch, String prefix) throws IOException, InterruptedException {
        int failed = 0;
        long start = System.nanoTime();
        for (int first = 0; first < users; first += batch) {
            String names = IntStream.range(first, Math.min(users, first + batch))
                    .mapToObj(i -> "\"" + userName(prefix, i) + "\"")
                    .collect(Collectors.joining(","));
            var request = api("/hub/api/users", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"usernames\": [" + names + "]}"))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                failed += Math.min(batch, users - first);
                System.err.println("HubLoad: batch at " + first + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT seconds=%.3f users=%d users_per_s=%.1f failed=%d%n",
                seconds, users, users / seconds, failed);
        return failed == 0 ? 0 : 1;
    }

    private int list(String token, int users, int repeat) throws IOException, InterruptedException {
        double[] seconds = new double[repeat];
        byte[] last = null;
        // A plain keep-alive socket, not the JDK HttpClient: in this short-lived JVM the client's
        // own cold decoding of 2 MB took ~100 ms, more than a fast hub needs to answer. For the same
        // reason the first answer is not timed (this JVM loads and compiles its reading code on it)
        // and the JSON is parsed only after the last timed request (parsing 2 MB made the JIT
        // compile the parser on the shared cores while the next requests were being timed).
        try (RawHttp connection = new RawHttp(URI.create(baseUrl), (int) REQUEST_TIMEOUT.toMillis())) {
            String path = URI.create(baseUrl).getRawPath() + "/hub/api/users?limit=" + users;
            List<String> auth = List.of("Authorization: token " + token);
            for (int i = -1; i < repeat; i++) {
                long start = System.nanoTime();
                var response = connection.exchange("GET", path, auth, null);
                if (i >= 0) seconds[i] = (System.nanoTime() - start) / 1e9;
                if (response.status() != 200) {
                    System.err.println("HubLoad: list answered " + response.status() + ": " + abbreviate(response.text()));
                    return 1;
                }
                last = response.body();
            }
        }
        JsonNode body = JsonMapper.builder().build().readTree(last);
        int count = body.isArray() ? body.size() : body.path("items").size();
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "RESULT seconds=%.3f min_seconds=%.3f count=%d repeat=%d%n",
                seconds[repeat / 2], seconds[0], count, repeat);
        return count >= users ? 0 : 1;
    }

    private int login(double seconds, int concurrency, String prefix) throws InterruptedException {
        var ok = new LongAdder();
        var failed = new LongAdder();
        var firstFailure = new AtomicReference<String>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        try (var workers = Executors.newFixedThreadPool(concurrency)) {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.submit(() -> {
                    RawHttp connection = new RawHttp(URI.create(baseUrl), (int) REQUEST_TIMEOUT.toMillis());
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        String user = prefix + "-" + worker + "-" + i;
                        try {
                            loginOnce(connection, user);
                            ok.increment();
                        } catch (IOException | RuntimeException e) {
                            failed.increment();
                            firstFailure.compareAndSet(null, user + ": " + e.getMessage());
                            connection.close();
                        }
                    }
                    connection.close();
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (firstFailure.get() != null) {
            System.err.println("HubLoad: first failed login: " + firstFailure.get());
        }
        System.out.printf(Locale.ROOT, "RESULT logins_per_s=%.1f ok=%d failed=%d seconds=%.2f concurrency=%d%n",
                ok.sum() / elapsed, ok.sum(), failed.sum(), elapsed, concurrency);
        return ok.sum() > 0 ? 0 : 1;
    }

    /**
     * One browser-like login with a fresh cookie jar, on the worker's keep-alive connection: GET the
     * form for its {@code _xsrf} field and cookies, POST the new username with them; 302 is a login.
     */
    private void loginOnce(RawHttp connection, String user) throws IOException {
        String path = URI.create(baseUrl).getRawPath() + "/hub/login";
        var form = connection.exchange("GET", path, List.of(), null);
        if (form.status() != 200) {
            throw new IOException("GET /hub/login answered " + form.status());
        }
        Map<String, String> jar = cookies(form.all("set-cookie"));
        var fields = new LinkedHashMap<String, String>();
        fields.put("username", user);
        fields.put("password", "bench");
        var xsrf = XSRF_FIELD.matcher(form.text());
        if (xsrf.find()) {
            fields.put("_xsrf", xsrf.group(1));
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/x-www-form-urlencoded"));
        if (!jar.isEmpty()) {
            headers.add("Cookie: " + jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        var answer = connection.exchange("POST", path, headers, formBody(fields).getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 302) {
            throw new IOException("POST /hub/login answered " + answer.status() + " instead of 302");
        }
    }

    private static Map<String, String> cookies(List<String> setCookies) {
        var jar = new LinkedHashMap<String, String>();
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return jar;
    }

    private static String formBody(Map<String, String> fields) {
        var parts = new ArrayList<String>();
        fields.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private HttpRequest.Builder api(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "token " + token);
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
