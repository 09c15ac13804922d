package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedServicesTest {
  private static final ManagedServices.Backoff QUICK =
      new ManagedServices.Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30));
  private static final ManagedServices.HubFacts HUB = new ManagedServices.HubFacts(
      "http://127.0.0.1:1/hub/api", "/", "", Map.of("PATH", System.getenv("PATH"), "SECRET_OF_THE_HUB", "x"));

  @TempDir Path dir;
  Database db;
  Tokens tokens;

  @BeforeEach
  void openDatabase() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    tokens = new Tokens(Directory.load(db), Clock.systemUTC());
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  private static Services.Service managed(String name, List<String> command, Optional<String> user) {
    return new Services.Service(name, false, Optional.empty(), Optional.empty(), "service-" + name, Map.of(), true,
        Optional.of(new Services.Launch(command, Map.of("GREETING", "hi"), user, Optional.empty())),
        new ServiceProcess());
  }

  @Test
  void aCommandThatExitsAtOnceIsRestartedWithABoundedBackoffAndItsExitIsKept() throws Exception {
    Path starts = dir.resolve("starts");
    var service = managed("crashy", List.of("sh", "-c", "echo started >> " + starts + "; exit 3"), Optional.empty());
    try (var running = ManagedServices.start(new Services(List.of(service)), tokens, HUB, QUICK, "hub")) {
      eventually(() -> lines(starts) >= 4);
      assertThat(service.process().lastFailure()).contains("exited with status 3");
      assertThat(service.process().pid()).isZero();
    }
    long stoppedAt = lines(starts);
    assertThat(stoppedAt).as("waits 50, 100, 200, 200 ms...: a handful of starts, not a busy loop").isLessThan(30);
    Thread.sleep(300); // nothing is running that could start it again; proving a negative needs time
    assertThat(lines(starts)).as("no restart once the hub stopped it").isEqualTo(stoppedAt);
  }

  @Test
  void backoffDoublesUpToItsMaximumAndStartsOverAfterAHealthyRun() {
    Duration wait = Duration.ZERO;
    for (int i = 0; i < 10; i++) wait = QUICK.after(wait, Duration.ofMillis(1));
    assertThat(wait).isEqualTo(Duration.ofMillis(200));
    assertThat(QUICK.after(wait, Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aProgramThatCannotBeStartedSaysSoAndIsRetried() {
    var service = managed("missing", List.of(dir.resolve("no-such-program").toString()), Optional.empty());
    try (var running = ManagedServices.start(new Services(List.of(service)), tokens, HUB, QUICK, "hub")) {
      eventually(() -> service.process().lastFailure().isPresent());
      assertThat(service.process().lastFailure().orElseThrow()).startsWith("could not be started (" + dir);
    }
  }

  @Test
  void aServiceGetsJupyterHubsEnvironmentAndATokenThatWorksButNotTheHubsOtherVariables() throws Exception {
    Path out = dir.resolve("env");
    var service = managed("printer", List.of("sh", "-c", "env > " + out + ".tmp && mv " + out + ".tmp " + out
        + " && exec sleep 60"), Optional.empty());
    try (var running = ManagedServices.start(new Services(List.of(service)), tokens, HUB, QUICK, "hub")) {
      eventually(() -> Files.exists(out));
      List<String> env = Files.readAllLines(out);
      assertThat(env).contains("JUPYTERHUB_SERVICE_NAME=printer", "JUPYTERHUB_API_URL=http://127.0.0.1:1/hub/api",
          "JUPYTERHUB_CLIENT_ID=service-printer", "JUPYTERHUB_BASE_URL=/", "GREETING=hi",
          "JUPYTERHUB_OAUTH_CALLBACK_URL=/services/printer/oauth_callback");
      assertThat(env).noneMatch(l -> l.startsWith("SECRET_OF_THE_HUB="));
      String token = env.stream().filter(l -> l.startsWith("JUPYTERHUB_API_TOKEN=")).findFirst().orElseThrow()
          .substring("JUPYTERHUB_API_TOKEN=".length());
      assertThat(tokens.lookup(token)).hasValueSatisfying(t -> assertThat(t.ownerName()).isEqualTo("printer"));
      long pid = service.process().pid();
      assertThat(pid).isPositive();
      running.close();
      assertThat(ProcessHandle.of(pid)).as("stopped with the hub").isEmpty();
      assertThat(service.process().pid()).isZero();
    }
  }

  @Test
  void aRootHubRunsAServiceAsItsUserWithThatUsersHome() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.ganymede.rootfixtures.Shell.isRoot(), "needs root");
    try (var account = org.ganymede.rootfixtures.ThrowAwayAccount.create("gmsvc")) {
      Path out = dir.resolve("who");
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      var service = managed("asuser", List.of("sh", "-c", "echo $(id -u) $HOME $JUPYTERHUB_USER > " + out
          + ".tmp && mv " + out + ".tmp " + out + " && exec sleep 60"), Optional.of(account.name));
      try (var running = ManagedServices.start(new Services(List.of(service)), tokens, HUB, QUICK, "root")) {
        eventually(() -> Files.exists(out));
        assertThat(Files.readString(out).strip())
            .isEqualTo(account.uid() + " /home/" + account.name + " " + account.name);
      }
    }
  }

  @Test
  void anotherUnixUserNeedsARootHub() {
    var service = managed("asbob", List.of("true"), Optional.of("bob"));
    assertThatThrownBy(() -> ManagedServices.start(new Services(List.of(service)), tokens, HUB, QUICK, "alice"))
        .hasMessageContaining("JupyterHub.services 'asbob' has user 'bob', but the hub runs as 'alice'")
        .hasMessageContaining("only a hub running as root");
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Another process's doing: nothing to wait on but its traces. */
  static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not reached within 20 s");
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
