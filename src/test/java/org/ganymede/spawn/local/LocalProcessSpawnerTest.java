package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.spawn.LogTail;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnProgress;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopTimeouts;
import org.ganymede.spawn.fakes.FakeHubApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LocalProcessSpawner as root: real Unix account, real processes, a real jupyterhub-singleuser. */
@Tag("root")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalProcessSpawnerTest {
  /** Secrets in the hub's own environment that must never reach a server. */
  private static final Map<String, String> HUB_PROCESS_ENV =
      Map.of(
          "PATH", "/usr/local/bin:/usr/bin:/bin",
          "LANG", "C.UTF-8",
          "CONFIGPROXY_AUTH_TOKEN", "proxy-secret",
          "JPY_COOKIE_SECRET", "cookie-secret");

  private static ThrowAwayUnixUser user;
  private static FakeHubApi hub;

  @TempDir Path logs;
  private final LocalProcessSpawner spawner = LocalProcessSpawner.create(HUB_PROCESS_ENV);

  @BeforeAll
  static void createUserAndHub() throws IOException {
    assumeTrue(Posix.effectiveUid() == 0, "needs root: creates a Unix account and switches to it");
    user = ThrowAwayUnixUser.create();
    hub = FakeHubApi.start();
  }

  @AfterAll
  static void removeUserAndHub() {
    if (hub != null) hub.close();
    if (user != null) user.close();
  }

  private SpawnRequest request(ServerLaunch settings, String token) {
    return new SpawnRequest(
        new UserName(user.name), ServerName.DEFAULT, hub.hubEnvFor(user.name, token),
        "/user/" + user.name + "/", settings, logs.resolve(user.name + ".log"), progress -> {});
  }

  @Tag("jupyterhub")
  @Test
  void singleUserServerRunsAsTheUsersAccountAnswersAndStops() throws Exception {
    List<SpawnProgress> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
    SpawnRequest base = request(ServerLaunch.defaults(), "server-token-1");
    SpawnRequest request = new SpawnRequest(base.user(), base.server(), base.hubEnv(), base.servicePrefix(),
        base.launch(), base.logFile(), steps::add);

    long t0 = System.nanoTime();
    StartedServer server = spawner.start(request);
    long t1 = System.nanoTime();
    long pid = server.state().number("pid", 0);
    int status = HttpProbe.awaitAnswer(URI.create(server.url() + request.servicePrefix()),
        Duration.ofSeconds(30), server.exit(), request.logFile());
    long t2 = System.nanoTime();

    assertThat(status).isLessThan(500);
    assertThat(hub.versionChecked().await(5, TimeUnit.SECONDS)).as("server called the hub's version check").isTrue();
    assertThat(spawner.poll(server.state())).isEmpty();
    assertThat(ProcFiles.realUid(pid)).isEqualTo(user.account.uid());
    assertThat(ProcFiles.statusField(pid, "NoNewPrivs")).isEqualTo("1");
    assertThat(ProcFiles.statusField(pid, "Groups").split("\\s+")).as("supplementary groups")
        .contains(Integer.toString(user.account.gid()), "100");
    assertThat(ProcFiles.sessionId(pid)).as("leads its own session").isEqualTo(pid);
    Map<String, String> env = ProcFiles.environment(pid);
    assertThat(env).doesNotContainKeys("CONFIGPROXY_AUTH_TOKEN", "JPY_COOKIE_SECRET")
        .containsEntry("JUPYTERHUB_API_TOKEN", "server-token-1")
        .containsEntry("USER", user.name)
        .containsEntry("HOME", user.account.home().toString())
        .containsEntry("LANG", "C.UTF-8")
        .containsEntry("JUPYTERHUB_SERVICE_URL", server.url() + request.servicePrefix());
    assertThat(env.get("JUPYTER_RUNTIME_DIR").length()).isLessThan(40);
    assertThat(ProcFiles.commandLine(pid)).contains("--KernelManager.transport=ipc");
    assertThat(Files.getAttribute(request.logFile(), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(user.account.uid());
    assertThat(Files.getAttribute(request.logFile(), "unix:mode") instanceof Integer mode ? mode & 0777 : -1).isEqualTo(0600);
    assertThat(steps).extracting(SpawnProgress::progress).containsExactly(10, 40);

    long t3 = System.nanoTime();
    spawner.stop(server.state(), StopTimeouts.defaults());
    long t4 = System.nanoTime();
    System.out.printf("singleuser as %s: start() %d ms, answering after %d ms, stop() %d ms%n",
        user.name, (t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000, (t4 - t3) / 1_000_000);

    assertThat(server.exit().toCompletableFuture().isDone()).isTrue();
    assertThat(Files.exists(Path.of("/proc", Long.toString(pid)))).isFalse();
    assertThat(spawner.poll(server.state())).isPresent();
  }

  @Test
  void missingCommandFailsWithinASecondNamingIt() {
    SpawnRequest request = request(ServerLaunch.defaults().withCmd(List.of("no-such-server-cmd")), "t");
    long started = System.nanoTime();

    assertThatThrownBy(() -> spawner.start(request))
        .isInstanceOf(SpawnException.class)
        .hasMessageContaining("no-such-server-cmd")
        .hasMessageContaining("/usr/local/bin:/usr/bin:/bin");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void processExitingAtOnceCompletesExitAndItsLogTellsWhy() throws Exception {
    SpawnRequest request = request(
        ServerLaunch.defaults().withCmd(List.of("/bin/sh", "-c", "echo boom >&2; exit 3")), "t");

    StartedServer server = spawner.start(request);

    assertThat(server.exit().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(LogTail.read(request.logFile(), 20)).containsExactly("boom");
    assertThat(spawner.poll(server.state())).contains(3);
  }

  @Test
  void unknownUnixAccountFailsWithAHint() {
    SpawnRequest request = new SpawnRequest(new UserName("nosuch-" + user.name), ServerName.DEFAULT, Map.of(),
        "/user/x/", ServerLaunch.defaults(), logs.resolve("x.log"), progress -> {});

    assertThatThrownBy(() -> spawner.start(request))
        .isInstanceOf(SpawnException.class)
        .hasMessageStartingWith("no Unix account named nosuch-" + user.name + " for user nosuch-" + user.name)
        .hasMessageContaining("create_system_users");
  }

  @Test
  void serverIsNeverRunAsRoot() {
    SpawnRequest request = new SpawnRequest(new UserName("root"), ServerName.DEFAULT, Map.of(),
        "/user/root/", ServerLaunch.defaults(), logs.resolve("root.log"), progress -> {});

    assertThatThrownBy(() -> spawner.start(request))
        .isInstanceOf(SpawnException.class)
        .hasMessageContaining("refusing to run the server of root as root");
  }

  @Test
  void savedStateWithALivePidButAnotherStartTimeIsDeadAndNeverSignalled() throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      long start = org.ganymede.spawn.ProcessStamp.read(other.pid()).orElseThrow().startTicks();
      SavedState recycled = new SavedState(Map.of("pid", other.pid(), "start_time", start + 1));
      SavedState genuine = new SavedState(Map.of("pid", other.pid(), "start_time", start));

      assertThat(spawner.poll(recycled)).contains(0);
      assertThat(spawner.poll(genuine)).isEmpty();
      spawner.stop(recycled, StopTimeouts.ofSeconds(0, 0, 0));
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void savedStateWithoutStartTimeCountsAsStopped() {
    assertThat(spawner.poll(new SavedState(Map.of("pid", ProcessHandle.current().pid())))).contains(0);
    assertThat(spawner.poll(SavedState.EMPTY)).contains(0);
  }

  @Test
  void serverOutlivesItsSpawnerAndAFreshSpawnerFindsAndStopsIt() throws Exception {
    StartedServer server = spawner.start(request(ServerLaunch.defaults().withCmd(List.of("sleep", "60")), "t"));
    Map<String, Object> stored = new HashMap<>(server.state().values()); // as a JSON round trip would
    stored.put("pid", ((Number) stored.get("pid")).intValue());
    SavedState reloaded = new SavedState(stored);

    LocalProcessSpawner fresh = LocalProcessSpawner.create(HUB_PROCESS_ENV);

    assertThat(fresh.poll(reloaded)).isEmpty();
    fresh.stop(reloaded, StopTimeouts.defaults());
    assertThat(fresh.poll(reloaded)).isPresent();
    assertThat(server.exit().toCompletableFuture().get(5, TimeUnit.SECONDS)).as("ended by SIGINT").isEqualTo(128 + 2);
  }

  @Test
  void shellCmdRunsTheServerCommandThroughALoginShellAsOneQuotedWord() throws Exception {
    LocalProcessSpawner shelled = LocalProcessSpawner.create(HUB_PROCESS_ENV).withShellCmd(List.of("bash", "-l", "-c"));
    // A login shell of the user reads ~/.profile: PATH and the like come from there, as in JupyterHub.
    Path profile = user.account.home().resolve(".profile");
    Files.writeString(profile, "export FROM_PROFILE=yes\n");
    Files.setAttribute(profile, "unix:uid", user.account.uid());
    SpawnRequest request = request(ServerLaunch.defaults()
        .withCmd(List.of("/bin/sh", "-c", "echo \"profile=$FROM_PROFILE\"; echo \"$0|$1\"; exit 7"))
        .withArgs(List.of("it's one word", "$HOME")), "t");

    StartedServer server = shelled.start(request);

    assertThat(server.exit().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(LogTail.read(request.logFile(), 5))
        .as("the arguments reach the command unsplit and unexpanded").containsExactly("profile=yes", "it's one word|$HOME");
  }

  /** A server that notes each signal it gets in its log and ignores SIGINT and SIGTERM. */
  private static final String STUBBORN =
      "trap 'echo got-INT' INT; trap 'echo got-TERM' TERM; echo trapped; while :; do sleep 1; done";

  @Test
  void serverEndingOnSigintIsNeverSentSigterm() throws Exception {
    SpawnRequest request = request(ServerLaunch.defaults().withCmd(
        List.of("/bin/sh", "-c", "trap 'echo got-INT; exit 0' INT; trap 'echo got-TERM' TERM; echo trapped; "
            + "while :; do sleep 1; done")), "t");
    StartedServer server = spawner.start(request);
    awaitLogLine(request.logFile(), "trapped", server);

    long started = System.nanoTime();
    spawner.stop(server.state(), new StopTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5)));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for interrupt_timeout").isLessThan(Duration.ofSeconds(5));
    assertThat(server.exit().toCompletableFuture().get(1, TimeUnit.SECONDS)).isZero();
    assertThat(LogTail.read(request.logFile(), 10)).contains("got-INT").doesNotContain("got-TERM");
  }

  @Test
  void serverIgnoringSigintAndSigtermGetsEachInTurnAndIsKilledAfterBothTimeouts() throws Exception {
    SpawnRequest request = request(ServerLaunch.defaults().withCmd(List.of("/bin/sh", "-c", STUBBORN)), "t");
    StartedServer server = spawner.start(request);
    awaitLogLine(request.logFile(), "trapped", server);

    long started = System.nanoTime();
    spawner.stop(server.state(), new StopTimeouts(Duration.ofMillis(700), Duration.ofMillis(500), Duration.ofSeconds(5)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).as("interrupt_timeout + term_timeout").isBetween(Duration.ofMillis(1200), Duration.ofSeconds(4));
    assertThat(server.exit().toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo(128 + 9);
    assertThat(LogTail.read(request.logFile(), 10)).containsSubsequence("got-INT", "got-TERM");
  }

  /** Waits until the shell has installed its trap (it prints a line after), bounded. */
  private static void awaitLogLine(Path log, String line, StartedServer server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!LogTail.read(log, 5).contains(line)) {
      assertThat(server.exit().toCompletableFuture().isDone()).as("process still running").isFalse();
      assertThat(System.nanoTime() - deadline).as("'" + line + "' logged within 5 s").isNegative();
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
