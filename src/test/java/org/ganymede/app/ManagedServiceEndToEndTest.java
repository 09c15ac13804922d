package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A real Python service the hub runs: reached through the proxy, restarted after a kill, gone with the hub. */
class ManagedServiceEndToEndTest {
  @TempDir Path dir;

  @Test
  void aManagedWhoamiIsReachedThroughTheProxyRestartedAfterAKillAndStoppedWithTheHub() throws IOException {
    Path script = dir.resolve("whoami_service.py");
    try (InputStream in = getClass().getResourceAsStream("whoami_service.py")) {
      Files.copy(in, script);
    }
    int port = RunningHub.freePort();
    String services = "--JupyterHub.services=[{'name': 'whoami', 'url': 'http://127.0.0.1:" + port + "', "
        + "'command': ['/usr/bin/python3', '" + script + "'], 'cwd': '" + dir + "'}]";
    long restartedPid;
    try (RunningHub hub = RunningHub.start(dir, services)) {
      JsonNode first = whoami(hub);
      assertThat(first.path("path").stringValue()).isEqualTo("/services/whoami/hello");
      assertThat(first.path("prefix").stringValue()).isEqualTo("/services/whoami/");
      assertThat(first.path("hub_says").path("kind").stringValue()).isEqualTo("service");
      assertThat(first.path("hub_says").path("name").stringValue()).isEqualTo("whoami");

      JsonNode model = hub.admin("GET", "/services/whoami", null).json();
      long pid = model.path("pid").asLong();
      assertThat(pid).isEqualTo(first.path("pid").asLong());
      assertThat(model.path("command").toString()).isEqualTo("[\"/usr/bin/python3\",\"" + script + "\"]");
      assertThat(model.path("prefix").stringValue()).isEqualTo("/services/whoami/");
      assertThat(hub.admin("GET", "/proxy", null).json().path("/services/whoami/").path("target").stringValue())
          .isEqualTo("http://127.0.0.1:" + port);

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      eventually(() -> {
        long now = hub.admin("GET", "/services/whoami", null).json().path("pid").asLong();
        return now != 0 && now != pid;
      });
      assertThat(hub.admin("GET", "/services/whoami", null).json().path("last_failure").stringValue())
          .isEqualTo("exited with status 137");
      JsonNode again = whoami(hub);
      restartedPid = again.path("pid").asLong();
      assertThat(restartedPid).isNotEqualTo(pid);
    }
    assertThat(ProcessHandle.of(restartedPid).filter(ProcessHandle::isAlive)).as("stopped with the hub").isEmpty();
  }

  @Test
  void aServiceThatExitsAtOnceSaysWhyInTheApiWhileTheHubKeepsRunning() {
    String services = "--JupyterHub.services=[{'name': 'broken', 'command': ['/bin/sh', '-c', "
        + "'echo no config >&2; exit 2']}]";
    try (RunningHub hub = RunningHub.start(dir, services)) {
      eventually(() -> hub.admin("GET", "/services/broken", null).json().has("last_failure"));
      JsonNode model = hub.admin("GET", "/services/broken", null).json();
      assertThat(model.path("last_failure").stringValue()).isEqualTo("exited with status 2");
      assertThat(model.path("pid").asLong()).isZero();
      assertThat(hub.admin("GET", "/", null).status()).as("the hub itself is unaffected").isEqualTo(200);
    }
  }

  /** The service's answer through the proxy, once it listens (it starts with the hub, not before it). */
  private static JsonNode whoami(RunningHub hub) {
    HttpRequest get = HttpRequest.newBuilder(URI.create(hub.url("/services/whoami/hello")))
        .timeout(Duration.ofSeconds(10)).build();
    RunningHub.Response[] last = new RunningHub.Response[1];
    eventually(() -> (last[0] = hub.send(get)).status() == 200);
    return last[0].json();
  }

  /** Another process's doing: nothing to wait on but its answers. */
  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not reached within 30 s");
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }
}
