package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopTimeouts;
import org.ganymede.spawn.fakes.FakeHubApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simple spawner: the hub's own account, home under a per-test root. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimpleLocalProcessSpawnerTest {
  @TempDir Path homes;
  @TempDir Path logs;

  private SpawnRequest request(FakeHubApi hub, ServerLaunch settings) {
    return new SpawnRequest(new UserName("alice"), ServerName.DEFAULT, hub.hubEnvFor("alice", "tok-alice"),
        "/user/alice/", settings, logs.resolve("alice.log"), progress -> {});
  }

  @Tag("jupyterhub")
  @Test
  void singleUserServerRunsAsTheHubInTmpHomeAndStops() throws Exception {
    SimpleLocalProcessSpawner spawner = SimpleLocalProcessSpawner.create(Map.of("PATH", "/usr/bin:/bin"), homes, logs);
    try (FakeHubApi hub = FakeHubApi.start()) {
      SpawnRequest request = request(hub, ServerLaunch.defaults());

      StartedServer server = spawner.start(request);
      long pid = server.state().number("pid", 0);
      int status = HttpProbe.awaitAnswer(URI.create(server.url() + "/user/alice/"), Duration.ofSeconds(30),
          server.exit(), request.logFile());

      assertThat(status).isLessThan(500);
      assertThat(ProcFiles.realUid(pid)).isEqualTo(Posix.effectiveUid());
      assertThat(ProcFiles.environment(pid)).containsEntry("HOME", homes.resolve("alice").toString())
          .containsEntry("SHELL", "/bin/bash");
      assertThat(Files.isDirectory(homes.resolve("alice"))).isTrue();
      spawner.stop(server.state(), StopTimeouts.defaults());
      assertThat(spawner.poll(server.state())).isPresent();
    }
  }

  @Test
  void homePlantedAsALinkIsRefused() throws Exception {
    SimpleLocalProcessSpawner spawner = SimpleLocalProcessSpawner.create(Map.of("PATH", "/usr/bin:/bin"), homes, logs);
    Files.createSymbolicLink(homes.resolve("alice"), Path.of("/etc"));
    try (FakeHubApi hub = FakeHubApi.start()) {
      SpawnRequest request = request(hub, ServerLaunch.defaults().withCmd(List.of("sleep", "5")));

      assertThatThrownBy(() -> spawner.start(request))
          .isInstanceOf(SpawnException.class)
          .hasMessageContaining(homes.resolve("alice") + " is not a directory owned by");
    }
  }
}
