package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * last_activity with real {@code jupyterhub-singleuser} servers (the simple spawner: no Unix users
 * needed): the server's own reports, for a named server too, and traffic through the proxy,
 * which the hub pulls every {@code JupyterHub.last_activity_interval}.
 */
class ActivityEndToEndTest {
  @TempDir Path dir;
  RunningHub hub;
  /** Unique per run: other test classes may run hubs at the same time. */
  final String user = "activity" + ThrowAwayAccount.randomHex();

  @BeforeEach
  void needsSingleUser() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.admin("DELETE", "/users/" + user + "/servers/lab", null);
      hub.admin("DELETE", "/users/" + user + "/server", null);
      hub.close();
    }
  }

  private RunningHub start(int lastActivityInterval) {
    RunningHub h = RunningHub.start(dir, "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--JupyterHub.allow_named_servers=True", "--JupyterHub.last_activity_interval=" + lastActivityInterval,
        "--Spawner.http_timeout=60", "--Spawner.start_timeout=60");
    assertThat(h.admin("POST", "/users/" + user, null).status()).isEqualTo(201);
    return h;
  }

  @Test
  void aNamedServerReportsItsOwnActivityAndOlderReportsDoNotMoveItBack() throws Exception {
    hub = start(3600); // no proxy pull during the test: only the server's own report can move it
    assertThat(hub.admin("POST", "/users/" + user + "/servers/lab", "{}").status()).isIn(201, 202);
    JsonNode started = await(s -> s.path("lab").path("ready").asBoolean()).path("lab");
    Instant spawnRequested = Instant.parse(started.get("started").asString());

    // jupyterhub-singleuser posts {"servers": {"lab": {"last_activity": <its start>}}, ...} once up.
    JsonNode reported = await(s -> Instant.parse(s.path("lab").path("last_activity").asString())
        .isAfter(spawnRequested)).path("lab");
    Instant byServer = Instant.parse(reported.get("last_activity").asString());
    assertThat(userLastActivity()).isAfterOrEqualTo(byServer);

    var old = hub.admin("POST", "/users/" + user + "/activity",
        "{\"servers\": {\"lab\": {\"last_activity\": \"2020-01-01T00:00:00.000000Z\"}},"
            + " \"last_activity\": \"2020-01-01T00:00:00Z\"}");
    assertThat(old.status()).isEqualTo(200);
    assertThat(servers().path("lab").path("last_activity").asString()).isEqualTo(Json(byServer));
    assertThat(userLastActivity()).isAfterOrEqualTo(byServer);

    var unknown = hub.admin("POST", "/users/" + user + "/activity",
        "{\"servers\": {\"nope\": {\"last_activity\": \"2020-01-01T00:00:00Z\"}}}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asString()).isEqualTo("No such server 'nope' for user " + user);

    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    var report = hub.admin("POST", "/users/" + user + "/activity",
        "{\"servers\": {\"lab\": {\"last_activity\": \"" + now + "\"}}}");
    assertThat(report.status()).isEqualTo(200);
    assertThat(Instant.parse(servers().path("lab").path("last_activity").asString())).isEqualTo(now);
    assertThat(userLastActivity()).isEqualTo(now);
  }

  @Test
  void trafficThroughTheProxyMovesLastActivityAtTheNextPull() throws Exception {
    hub = start(1);
    assertThat(hub.admin("POST", "/users/" + user + "/server", null).status()).isIn(201, 202);
    await(s -> s.path("").path("ready").asBoolean());
    // Anonymous /api requests are not activity to the server itself (it reports nothing for
    // them): from here on only the proxy's note of the traffic can move the time past `before`.
    Instant before = Instant.now();
    Instant deadline = before.plusSeconds(30);
    while (true) {
      var api = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/user/" + user + "/api"))).build());
      assertThat(api.status()).as("the server itself, through the proxy").isEqualTo(200);
      Instant seen = Instant.parse(servers().path("").path("last_activity").asString());
      if (!seen.isBefore(before)) {
        assertThat(userLastActivity()).isAfterOrEqualTo(seen);
        return;
      }
      if (Instant.now().isAfter(deadline)) throw new AssertionError("last_activity stayed at " + seen);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static String Json(Instant t) {
    return org.ganymede.http.Json.time(t);
  }

  private JsonNode servers() {
    return hub.admin("GET", "/users/" + user, null).json().path("servers");
  }

  private Instant userLastActivity() {
    return Instant.parse(hub.admin("GET", "/users/" + user, null).json().get("last_activity").asString());
  }

  /** Polls the user's servers until {@code done}; a spawn takes seconds. */
  private JsonNode await(Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode servers = servers();
      if (done.test(servers)) return servers;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting; servers: " + servers);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
