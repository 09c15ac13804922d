package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /hub/api/users/NAME/activity}: JupyterHub 3.0's checks, statuses and messages. */
class ActivityReportsTest {
  @TempDir Path dir;
  RunningHub hub;

  @BeforeEach
  void start() {
    hub = RunningHub.start(dir, "--JupyterHub.allow_named_servers=True");
    hub.admin("POST", "/users/reporter", null);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private String refused(String body) {
    var r = hub.admin("POST", "/users/reporter/activity", body);
    assertThat(r.status()).as(body).isEqualTo(400);
    return r.json().get("message").asString();
  }

  @Test
  void malformedReportsGetJupyterHubsMessages() {
    assertThat(refused("[1]")).isEqualTo("body must be a json dict");
    assertThat(refused("{}")).isEqualTo("body must contain at least one of `last_activity` or `servers`");
    assertThat(refused("{\"last_activity\": \"\", \"servers\": {}}"))
        .isEqualTo("body must contain at least one of `last_activity` or `servers`");
    String shape = "servers must be a dict of the form {server_name: {last_activity: timestamp}}";
    assertThat(refused("{\"servers\": [\"\"]}")).isEqualTo(shape);
    assertThat(refused("{\"servers\": {\"\": \"2026-01-01T00:00:00Z\"}}")).isEqualTo(shape);
    assertThat(refused("{\"servers\": {\"\": {}}}")).isEqualTo(shape);
    assertThat(refused("{\"last_activity\": \"yesterday\"}")).isEqualTo("Not a valid timestamp: 'yesterday'");
    assertThat(refused("{\"servers\": {\"\": {\"last_activity\": 12}}}")).isEqualTo("Not a valid timestamp: 12");
    assertThat(refused("{\"servers\": {\"lab\": {\"last_activity\": \"2026-01-01T00:00:00Z\"}}}"))
        .isEqualTo("No such server 'lab' for user reporter");
    String ahead = Instant.now().plus(Duration.ofMinutes(61)).toString();
    assertThat(refused("{\"last_activity\": \"" + ahead + "\"}"))
        .startsWith("Rejecting activity from more than an hour in the future: ");
    assertThat(hub.admin("GET", "/users/reporter", null).json().get("last_activity").isNull())
        .as("nothing recorded by refused reports").isTrue();
  }

  @Test
  void theDefaultServerAndTheUserAcceptReportsAndNeverGoBack() {
    String t1 = "2026-01-01T10:00:00.000000Z";
    assertThat(hub.admin("POST", "/users/reporter/activity",
        "{\"servers\": {\"\": {\"last_activity\": \"" + t1 + "\"}}, \"last_activity\": \"" + t1 + "\"}").status())
        .isEqualTo(200);
    assertThat(hub.admin("GET", "/users/reporter", null).json().get("last_activity").asString()).isEqualTo(t1);
    assertThat(hub.admin("POST", "/users/reporter/activity", "{\"last_activity\": \"2025-01-01T00:00:00\"}").status())
        .isEqualTo(200);
    assertThat(hub.admin("GET", "/users/reporter", null).json().get("last_activity").asString()).isEqualTo(t1);
  }

  @Test
  void reportsNeedTheActivityScopeAndAnExistingUser() {
    String bob = hub.hub.tokens().issue("user", "reporter", java.util.List.of("read:users:activity!user=reporter"),
        "no users:activity", java.util.Optional.empty(), java.util.Optional.empty(), "jupyterhub").secret();
    assertThat(hub.api("POST", "/users/reporter/activity", bob, "{\"last_activity\": \"2026-01-01T00:00:00Z\"}")
        .status()).isEqualTo(403);
    assertThat(hub.admin("POST", "/users/nobody/activity", "{\"last_activity\": \"2026-01-01T00:00:00Z\"}").status())
        .isEqualTo(404);
  }
}
