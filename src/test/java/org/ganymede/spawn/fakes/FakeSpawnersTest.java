package org.ganymede.spawn.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.ganymede.spawn.StopTimeouts;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StartedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FakeSpawnersTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final SpawnRequest REQUEST = new SpawnRequest(new UserName("alice"), ServerName.DEFAULT, Map.of(),
      "/user/alice/", ServerLaunch.defaults(), Path.of("/tmp/unused.log"), progress -> {});

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void instantSpawnerAnswersLikeASingleUserServerUntilStopped() throws Exception {
    InstantSpawner spawner = new InstantSpawner();
    StartedServer server = spawner.start(REQUEST);

    HttpResponse<String> root = get(URI.create(server.url() + "/user/alice/"));
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).contains("/user/alice/tree");
    assertThat(get(URI.create(server.url() + "/user/alice/api")).statusCode()).isEqualTo(200);
    assertThat(spawner.poll(server.state())).isEmpty();

    spawner.stop(server.state(), StopTimeouts.ofSeconds(1, 1, 1));

    assertThat(spawner.poll(server.state())).contains(0);
    assertThat(server.exit().toCompletableFuture().join()).isZero();
    assertThatThrownBy(() -> get(URI.create(server.url() + "/user/alice/"))).isInstanceOf(ConnectException.class);
  }

  @Test
  void instantSpawnerCrashReportsTheExitStatus() {
    InstantSpawner spawner = new InstantSpawner();
    StartedServer server = spawner.start(REQUEST);

    spawner.crash(server.state(), 7);

    assertThat(spawner.poll(server.state())).contains(7);
    assertThat(server.exit().toCompletableFuture().join()).isEqualTo(7);
  }

  @Test
  void slowSpawnerStartsOnlyWhenReleased() throws Exception {
    SlowSpawner spawner = new SlowSpawner(Duration.ofSeconds(30));
    CompletableFuture<StartedServer> start = CompletableFuture.supplyAsync(() -> spawner.start(REQUEST));

    assertThat(spawner.startEntered().await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(start).isNotDone();
    spawner.release();

    StartedServer server = start.get(5, TimeUnit.SECONDS);
    assertThat(get(URI.create(server.url() + "/user/alice/api")).statusCode()).isEqualTo(200);
    spawner.stop(server.state(), StopTimeouts.ofSeconds(1, 1, 1));
    assertThat(spawner.aliveCount()).isZero();
  }

  @Test
  void failingSpawnerThrowsItsMessage() {
    FailingSpawner spawner = new FailingSpawner("command not found: nope");

    assertThatThrownBy(() -> spawner.start(REQUEST)).isInstanceOf(SpawnException.class)
        .hasMessage("command not found: nope");
    assertThat(spawner.startCount()).isEqualTo(1);
  }

  @Test
  void neverReadySpawnerIsAliveButRefusesConnections() {
    NeverReadySpawner spawner = new NeverReadySpawner();
    StartedServer server = spawner.start(REQUEST);

    assertThat(spawner.poll(server.state())).isEmpty();
    assertThatThrownBy(() -> get(URI.create(server.url() + "/user/alice/"))).isInstanceOf(ConnectException.class);
    spawner.stop(server.state(), StopTimeouts.ofSeconds(1, 1, 1));
    assertThat(spawner.poll(server.state())).isPresent();
  }
}
