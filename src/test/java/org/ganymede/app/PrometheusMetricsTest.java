package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /hub/metrics} on a real hub: JupyterHub's names, the {@code read:metrics} check of
 * {@code authenticate_prometheus}, and a real Prometheus (Debian's {@code prometheus}) that
 * scrapes the hub and answers a query for a series through its HTTP API.
 */
class PrometheusMetricsTest {
  @TempDir Path dir;
  RunningHub hub;
  Process prometheus;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
    if (hub != null) hub.close();
  }

  @Test
  void metricsNeedTheReadMetricsScopeByDefault() {
    hub = RunningHub.start(dir);
    assertThat(hub.admin("POST", "/users/plain", null).status()).isEqualTo(201);
    String plainToken = hub.admin("POST", "/users/plain/tokens", "{}").json().get("token").asText();
    String readUsersOnly = token("[\"read:users\"]");
    String readMetricsOnly = token("[\"read:metrics\"]");

    for (String path : List.of("/hub/metrics", "/hub/api/metrics")) {
      assertThat(get(path, null).status()).as("%s without credentials", path).isEqualTo(403);
      assertThat(get(path, plainToken).status()).as("%s for a user without the scope", path).isEqualTo(403);
      RunningHub.Response refused = get(path, readUsersOnly);
      assertThat(refused.status()).as("%s for an admin's token without the scope", path).isEqualTo(403);
      assertThat(refused.body()).contains("Access to metrics requires scope");
      RunningHub.Response served = get(path, readMetricsOnly);
      assertThat(served.status()).as("%s with read:metrics", path).isEqualTo(200);
      assertThat(served.header("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(served.body()).contains("jupyterhub_total_users ");
    }
  }

  @Test
  void withoutAuthenticatePrometheusMetricsAreOpen() {
    hub = RunningHub.start(dir, "--JupyterHub.authenticate_prometheus=False");
    RunningHub.Response served = get("/hub/metrics", null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body()).contains("jupyterhub_total_users ");
  }

  @Test
  void theHubExposesJupyterHubsSeriesWithTheirLabelsAndTheJvms() {
    hub = RunningHub.start(dir);
    assertThat(hub.admin("GET", "/users", null).status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/users/nobody-here", null).status()).isEqualTo(404);
    assertThat(hub.admin("GET", "/no-such-endpoint", null).status()).isEqualTo(404);
    assertThat(get("/hub/login", null).status()).isEqualTo(200);
    String text = get("/hub/metrics", hub.adminToken).body();

    assertThat(value(text, "jupyterhub_total_users")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_running_servers")).isZero();
    assertThat(value(text, "jupyterhub_active_users{period=\"24h\"}")).isEqualTo(0);
    assertThat(value(text, "jupyterhub_active_users{period=\"30d\"}")).isEqualTo(0);
    assertThat(value(text, "jupyterhub_hub_startup_duration_seconds_count")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_check_routes_duration_seconds_count")).isGreaterThanOrEqualTo(1);
    assertThat(value(text, "jupyterhub_server_spawn_duration_seconds_count{status=\"too-many-users\"}")).isZero();
    // JupyterHub's handler names, which dashboards filter on; never the request's path.
    assertThat(value(text, "jupyterhub_request_duration_seconds_count{code=\"200\","
        + "handler=\"jupyterhub.apihandlers.users.UserListAPIHandler\",method=\"GET\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_request_duration_seconds_count{code=\"404\","
        + "handler=\"jupyterhub.apihandlers.users.UserAPIHandler\",method=\"GET\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_request_duration_seconds_count{code=\"404\","
        + "handler=\"jupyterhub.apihandlers.base.API404\",method=\"GET\"}")).isEqualTo(1);
    assertThat(value(text, "jupyterhub_request_duration_seconds_count{code=\"200\","
        + "handler=\"jupyterhub.handlers.login.LoginHandler\",method=\"GET\"}")).isEqualTo(1);
    assertThat(text).doesNotContain("nobody-here", "no-such-endpoint");
    assertThat(text).contains("# TYPE jupyterhub_request_duration_seconds histogram", "jvm_memory_used_bytes{",
        "# TYPE ganymede_proxy_requests_total counter", "ganymede_proxy_routes ",
        "jvm_threads_current ");
  }

  @Test
  void aRealPrometheusScrapesTheHubAndAnswersAQueryForItsSeries() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "Debian's prometheus is not installed");
    hub = RunningHub.start(dir);
    String readMetrics = token("[\"read:metrics\"]");
    int port = RunningHub.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: ganymede
            metrics_path: /hub/metrics
            authorization:
              credentials: %s
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(readMetrics, hub.hub.publicPort()));
    prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

    JsonNode result = awaitSeries(port, "jupyterhub_total_users", Duration.ofSeconds(60));
    assertThat(result.get(0).get("metric").get("job").asText()).isEqualTo("ganymede");
    assertThat(result.get(0).get("value").get(1).asText()).isEqualTo("1");
    JsonNode spawns = awaitSeries(port, "jupyterhub_server_spawn_duration_seconds_count", Duration.ofSeconds(10));
    List<String> statuses = new ArrayList<>();
    spawns.forEach(s -> statuses.add(s.get("metric").get("status").asText()));
    assertThat(statuses).containsExactlyInAnyOrder("success", "failure", "already-pending", "throttled",
        "too-many-users");
  }

  /** The result of an instant query once it has a sample; Prometheus scrapes every second. */
  private JsonNode awaitSeries(int port, String query, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    String url = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    String last = "(no answer)";
    while (Instant.now().isBefore(deadline)) {
      assertThat(prometheus.isAlive()).as("prometheus exited: %s", log()).isTrue();
      try {
        RunningHub.Response r = hub.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build());
        last = r.toString();
        if (r.status() == 200 && !r.json().get("data").get("result").isEmpty()) {
          return r.json().get("data").get("result");
        }
      } catch (java.io.UncheckedIOException notListeningYet) {
        last = notListeningYet.getMessage();
      }
      Thread.sleep(250); // an external server's scrape cycle: nothing in-process to wait on
    }
    throw new AssertionError("no " + query + " from Prometheus within " + within + "; last answer " + last + "\n" + log());
  }

  private String log() throws IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** A token of the admin user with exactly {@code scopes} (a JSON list). */
  private String token(String scopes) {
    RunningHub.Response r = hub.admin("POST", "/users/admin/tokens", "{\"scopes\": " + scopes + "}");
    assertThat(r.status()).as("token %s: %s", scopes, r).isEqualTo(201);
    return r.json().get("token").asText();
  }

  private RunningHub.Response get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(10));
    if (token != null) b.header("Authorization", "token " + token);
    return hub.send(b.build());
  }

  static double value(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("series %s in%n%s", series, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
