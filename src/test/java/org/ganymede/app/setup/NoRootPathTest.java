package org.ganymede.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.ganymede.spawn.ProcessStamp;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.SpawnerSettings;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.sudo.SudoSpawner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The seeds' no-root story on this machine, for real: setup as root, then the service user starts
 * and stops a member's server through sudo and the helper, PAM works as the service user, doctor
 * passes and names three breakages, undo removes it all. Needs root; names are random per run.
 */
@Tag("root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoRootPathTest {
  /** A tiny server that listens where JUPYTERHUB_SERVICE_URL says, like jupyterhub-singleuser. */
  private static final String SERVER_CODE = "import os, http.server, urllib.parse as u\n"
      + "port = u.urlparse(os.environ['JUPYTERHUB_SERVICE_URL']).port\n"
      + "print('serving on', port, 'as uid', os.getuid(), flush=True)\n"
      + "http.server.HTTPServer(('127.0.0.1', port), http.server.SimpleHTTPRequestHandler).serve_forever()\n";

  private static String tag;
  private static Path prefix;
  private static Layout layout;
  private static ThrowAwayAccount alice;
  private static ThrowAwayAccount outsider;
  private static SudoSpawner spawner;

  @BeforeAll
  static void prepare() throws Exception {
    assumeTrue(Shell.isRoot(), "the no-root path tests need root: they create users and install a sudoers grant");
    if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) Shell.ok("apt-get", "install", "-y", "sudo");
    tag = ThrowAwayAccount.randomHex();
    prefix = Path.of("/opt/ganytest-" + tag);
    String svc = "ganysvc" + tag;
    layout = new Layout(svc, "ganygrp" + tag, prefix.resolve("lib/ganymede"), prefix.resolve("etc"),
        prefix.resolve("var"), Path.of("/etc/sudoers.d", svc), svc, prefix.resolve("systemd/ganymede.service"),
        Path.of("/usr/bin/sudo"), Path.of(System.getProperty("java.home"), "bin", "java"), helperClasspath(),
        Path.of("/usr/bin/jupyterhub-singleuser"), 8000, true);
  }

  /** Main classes and runtime jars, without the test-only ones: the helper and the hub run from the copy. */
  private static List<Path> helperClasspath() {
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith("test-classes") || entry.matches(".*(junit|assertj|jqwik|archunit|opentest4j|apiguardian"
          + "|byte-buddy|surefire|jqwik|postgresql).*")) {
        continue;
      }
      if (Files.exists(Path.of(entry))) out.add(Path.of(entry));
    }
    return out;
  }

  @AfterAll
  static void cleanUp() {
    if (layout == null) return;
    run(Setup.Mode.UNDO);
    for (ThrowAwayAccount a : new ThrowAwayAccount[] {alice, outsider}) if (a != null) a.close();
    Shell.run("groupdel", layout.usersGroup());
    Shell.run("userdel", layout.serviceUser());
    Shell.run("rm", "-f", layout.sudoersFile().toString(), layout.pamFile().toString());
    Shell.run("rm", "-rf", "--one-file-system", prefix.toString());
  }

  private static String lastOutput = "";

  private static int run(Setup.Mode mode) {
    return run(layout, mode);
  }

  private static int run(Layout l, Setup.Mode mode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Setup.run(l, mode, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    lastOutput = bytes.toString(StandardCharsets.UTF_8);
    return status;
  }

  private static int doctor() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Doctor.run(layout, Optional.of(alice.name), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    lastOutput = bytes.toString(StandardCharsets.UTF_8);
    return status;
  }

  private static int mode(Path p) {
    return Host.attrs(p).orElseThrow().mode();
  }

  @Test
  @Order(1)
  void dryRunListsEveryStepAndChangesNothing() {
    assertThat(run(Setup.Mode.DRY_RUN)).isZero();
    assertThat(lastOutput).contains("[would] create system user " + layout.serviceUser())
        .contains("[would] install sudoers grant").contains("[would] install PAM service")
        .contains("[would] install systemd unit").contains("dry run: nothing was changed");
    assertThat(Host.userExists(layout.serviceUser())).isFalse();
    assertThat(layout.sudoersFile()).doesNotExist();
    assertThat(prefix).doesNotExist();
  }

  @Test
  @Order(2)
  void missingSudoChangesNothingAndSaysHowToInstallIt() {
    Layout noSudo = new Layout(layout.serviceUser(), layout.usersGroup(), layout.helperDir(), layout.configDir(),
        layout.dataDir(), layout.sudoersFile(), layout.pamService(), layout.unitFile(), Path.of("/nonexistent/sudo"),
        layout.java(), layout.classpath(), layout.singleUserCmd(), layout.hubPort(), true);
    assertThat(run(noSudo, Setup.Mode.APPLY)).isEqualTo(1);
    assertThat(lastOutput).contains("apt-get install sudo").contains("nothing was changed");
    assertThat(Host.userExists(layout.serviceUser())).isFalse();
    assertThat(prefix).doesNotExist();
  }

  @Test
  @Order(3)
  void setupCreatesEverythingWithTheRightModes() {
    assertThat(run(Setup.Mode.APPLY)).as(lastOutput).isZero();
    assertThat(Host.userExists(layout.serviceUser())).isTrue();
    assertThat(Shell.ok("getent", "passwd", layout.serviceUser())).contains("/usr/sbin/nologin");
    assertThat(Host.inGroup(layout.serviceUser(), "shadow")).isTrue();
    assertThat(mode(layout.sudoersFile())).isEqualTo(0440);
    assertThat(Shell.run("visudo", "-cf", layout.sudoersFile().toString()).status()).isZero();
    assertThat(mode(layout.dataDir())).isEqualTo(0700);
    assertThat(Host.attrs(layout.dataDir()).orElseThrow().uid()).isEqualTo(Host.uidOf(layout.serviceUser()));
    assertThat(mode(layout.dataDir().resolve("jupyterhub_cookie_secret"))).isEqualTo(0600);
    assertThat(mode(layout.dataDir().resolve("proxy_auth_token.env"))).isEqualTo(0600);
    assertThat(mode(layout.helper())).isEqualTo(0755);
    assertThat(Host.attrs(layout.helper()).orElseThrow().uid()).isZero();
    assertThat(layout.pamFile()).content().contains("@include common-auth");
    assertThat(layout.unitFile()).content().contains("User=" + layout.serviceUser()).contains("NoNewPrivileges=no");
  }

  @Test
  @Order(4)
  void secondSetupChangesNothing() {
    assertThat(run(Setup.Mode.APPLY)).isZero();
    assertThat(lastOutput).contains("0 steps changed").doesNotContain("[apply]");
  }

  @Test
  @Order(5)
  void serviceUserStartsAServerAsTheMemberAndStopsIt() throws Exception {
    alice = ThrowAwayAccount.create("ganyal", layout.usersGroup());
    outsider = ThrowAwayAccount.create("ganyout");
    Files.writeString(layout.helperConfig(), "{\"cmd\": [\"/usr/bin/python3\"], \"args\": [\"-c\", "
        + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(SERVER_CODE) + "]}");
    spawner = SudoSpawner.create(new SudoSpawner.Options(
        List.of("runuser", "-u", layout.serviceUser(), "--", "/usr/bin/sudo"), layout.helper(), layout.usersGroup(),
        Duration.ofSeconds(30)));

    long t0 = System.nanoTime();
    StartedServer server = spawner.start(request(alice.name, Map.of()));
    long startMillis = (System.nanoTime() - t0) / 1_000_000;
    long pid = server.state().number("pid", 0);
    assertThat(ProcessStamp.read(pid).orElseThrow().uid()).as("the server runs as the member's uid")
        .isEqualTo(Integer.parseInt(alice.uid()));
    assertThat(spawner.poll(server.state())).isEmpty();
    assertThat(get(server.url())).isEqualTo(200);
    assertThat(spawner.logTail(server.state(), 5)).anyMatch(line -> line.contains("as uid " + alice.uid()));
    Path log = Path.of(server.state().values().get("log").toString());
    assertThat(mode(log)).isEqualTo(0600);
    assertThat(Host.attrs(log).orElseThrow().uid()).isEqualTo(Integer.parseInt(alice.uid()));

    spawner.stop(server.state(), Duration.ofSeconds(5));
    assertThat(spawner.poll(server.state())).contains(0);
    assertThat(server.exit().toCompletableFuture().get(5, TimeUnit.SECONDS)).isZero();
    System.out.println("sudo spawn took " + startMillis + " ms");
  }

  @Tag("jupyterhub")
  @Test
  @Order(6)
  void realSingleUserServerRunsAsTheMemberAndTalksToTheHub() throws Exception {
    byte[] trivialConfig = Files.readAllBytes(layout.helperConfig());
    Files.writeString(layout.helperConfig(), "{\"cmd\": [\"/usr/bin/jupyterhub-singleuser\"],"
        + " \"args\": [\"--KernelManager.transport=ipc\"], \"env_allow\": [\"LANG\"]}");
    try (org.ganymede.spawn.fakes.FakeHubApi hubApi = org.ganymede.spawn.fakes.FakeHubApi.start()) {
      Map<String, String> hubEnv = new java.util.HashMap<>(hubApi.hubEnvFor(alice.name, "server-token-" + tag));
      SpawnRequest request = new SpawnRequest(new UserName(alice.name), ServerName.DEFAULT, hubEnv,
          "/user/" + alice.name + "/", SpawnerSettings.defaults().withEnvironment(Map.of("LANG", "C.UTF-8")),
          Path.of("/tmp/unused.log"), progress -> {});
      StartedServer server = spawner.start(request);
      try {
        long pid = server.state().number("pid", 0);
        assertThat(ProcessStamp.read(pid).orElseThrow().uid()).isEqualTo(Integer.parseInt(alice.uid()));
        assertThat(hubApi.versionChecked().await(60, TimeUnit.SECONDS))
            .as("the server called the hub API: %s", spawner.logTail(server.state(), 20)).isTrue();
        assertThat(get(URI.create(server.url() + request.servicePrefix() + "api"))).isEqualTo(200);
      } finally {
        spawner.stop(server.state(), Duration.ofSeconds(10));
      }
      assertThat(spawner.poll(server.state())).isPresent();
    } finally {
      Files.write(layout.helperConfig(), trivialConfig);
    }
  }

  @Test
  @Order(7)
  void outsiderIsRefusedFastWithTheFix() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> spawner.start(request(outsider.name, Map.of())))
        .isInstanceOf(SpawnException.class)
        .hasMessageContaining("user " + outsider.name + " is not in group " + layout.usersGroup())
        .hasMessageContaining("usermod -aG " + layout.usersGroup() + " " + outsider.name);
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  @Order(8)
  void disallowedEnvironmentVariableIsRefusedByName() {
    assertThatThrownBy(() -> spawner.start(request(alice.name, Map.of("LD_PRELOAD", "/tmp/evil.so"))))
        .isInstanceOf(SpawnException.class)
        .hasMessageContaining("environment variable LD_PRELOAD is not allowed");
  }

  @Test
  @Order(8)
  void malformedRequestGetsJsonErrorAndNonZeroExit() {
    Shell.Result r = Shell.run(asService("/usr/bin/sudo", "-n", "-u", alice.name, layout.helper().toString()), "{nope");
    assertThat(r.status()).isNotZero();
    assertThat(r.out()).contains("{\"error\":\"request is not valid JSON");
    Shell.Result signal = Shell.run(asService("/usr/bin/sudo", "-n", "-u", alice.name, layout.helper().toString()),
        "{\"action\":\"signal\",\"pid\":1,\"start_time\":0,\"signal\":\"KILL\"}");
    assertThat(signal.status()).isNotZero();
    assertThat(signal.out()).contains("\"error\"");
  }

  @Test
  @Order(9)
  void hubUserCanRunNothingElseThroughSudo() {
    assertThat(Shell.run(asService("/usr/bin/sudo", "-n", "-u", alice.name, "/bin/sh", "-c", "id"), "").status()).isNotZero();
    assertThat(Shell.run(asService("/usr/bin/sudo", "-n", "/bin/true"), "").status()).as("not even as root").isNotZero();
    assertThat(Shell.run(asService("/usr/bin/sudo", "-n", "-u", alice.name, layout.helper().toString(), "--config",
        "/tmp/x.json")).status()).as("no other arguments").isNotZero();
  }

  @Test
  @Order(10)
  void pamLoginWorksAsTheServiceUserInShadow() {
    List<String> check = asService(layout.java().toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        layout.helperDir().resolve("lib") + "/*", "org.ganymede.app.Main", "check-login", "--service",
        layout.pamService(), alice.name);
    Shell.Result right = Shell.run(check, alice.password + "\n");
    assertThat(right.status()).as(right.out()).isZero();
    // A wrong password as the service user is refused in hubRunsAsTheServiceUserAndLogsMembersInThroughPam.
  }

  @Test
  @Order(10)
  void hubRunsAsTheServiceUserLogsMembersInThroughPamAndStartsTheirServersThroughSudo() throws Exception {
    int port = freePort();
    int hubPort = freePort();
    List<String> command = asService(layout.java().toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", layout.helperDir().resolve("lib") + "/*", "org.ganymede.app.Main",
        "-f", layout.configDir().resolve("ganymede_config.py").toString(), "--ip=127.0.0.1", "--port=" + port,
        "--JupyterHub.hub_port=" + hubPort);
    List<String> tokenCommand = asService(layout.java().toString(), "--enable-native-access=ALL-UNNAMED",
        "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-cp", layout.helperDir().resolve("lib") + "/*",
        "org.ganymede.app.Main", "token", alice.name, "-f", layout.configDir().resolve("ganymede_config.py").toString());
    Process tokenRun = new ProcessBuilder(tokenCommand).directory(layout.dataDir().toFile()).redirectErrorStream(true).start();
    String tokenOut = new String(tokenRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tokenRun.waitFor(60, TimeUnit.SECONDS) && tokenRun.exitValue() == 0).as(tokenOut).isTrue();
    String aliceToken = tokenOut.strip().lines().reduce((a, b) -> b).orElseThrow();
    Process hub = new ProcessBuilder(command).directory(layout.dataDir().toFile()).redirectErrorStream(true).start();
    try {
      java.util.concurrent.CompletableFuture<Boolean> up = new java.util.concurrent.CompletableFuture<>();
      StringBuilder log = new StringBuilder();
      Thread.ofVirtual().start(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(hub.getInputStream()))) {
          for (String line; (line = lines.readLine()) != null; ) {
            synchronized (log) { log.append(line).append('\n'); }
            if (line.contains("Ganymede is running at")) up.complete(true);
          }
        } catch (java.io.IOException e) {
          // the hub was stopped
        }
        up.complete(false);
      });
      assertThat(up.get(60, TimeUnit.SECONDS)).as("hub started: %s", log).isTrue();
      long javaPid = hub.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
          .findFirst().map(ProcessHandle::pid).orElse(hub.pid());
      assertThat(ProcessStamp.read(javaPid).orElseThrow().uid()).as("the hub is not root")
          .isEqualTo(Host.uidOf(layout.serviceUser()));

      String base = "http://127.0.0.1:" + port;
      assertThat(login(base, alice.name, alice.password)).as("member, right password: %s", log).isEqualTo(302);
      assertThat(login(base, alice.name, "wrong-password")).isEqualTo(403);
      assertThat(login(base, outsider.name, outsider.password)).as("outside allowed_groups").isEqualTo(403);

      // The hub (not root) starts alice's server through sudo and the helper; the kernel says it runs as alice.
      assertThat(api(base, "POST", "/users/" + alice.name + "/server", aliceToken).statusCode()).isIn(201, 202);
      var json = tools.jackson.databind.json.JsonMapper.builder().build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      tools.jackson.databind.JsonNode model;
      do {
        model = json.readTree(api(base, "GET", "/users/" + alice.name, aliceToken).body()).path("servers").path("");
        if (model.path("ready").asBoolean(false)) break;
        LockSupport.parkNanos(100_000_000L);
      } while (System.nanoTime() < deadline);
      assertThat(model.path("ready").asBoolean(false)).as("server ready: %s\n%s", model, log).isTrue();
      // The API hides the spawner state from a user token, so the kernel is asked which processes alice runs.
      int aliceUid = Integer.parseInt(alice.uid());
      long serverPid = ProcessHandle.allProcesses()
          .filter(p -> ProcessStamp.read(p.pid()).map(st -> st.uid() == aliceUid && !st.ended()).orElse(false))
          .filter(p -> p.info().command().orElse("").contains("python"))
          .findFirst().map(ProcessHandle::pid).orElseThrow(() -> new AssertionError("no server process of alice"));
      assertThat(api(base, "DELETE", "/users/" + alice.name + "/server", aliceToken).statusCode()).isIn(202, 204);
      long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ProcessStamp.read(serverPid).filter(p -> !p.ended()).isPresent() && System.nanoTime() < gone) {
        LockSupport.parkNanos(50_000_000L);
      }
      assertThat(ProcessStamp.read(serverPid).filter(p -> !p.ended())).as("stopped through the helper").isEmpty();
    } finally {
      hub.descendants().forEach(ProcessHandle::destroy);
      hub.destroy();
      hub.waitFor(20, TimeUnit.SECONDS);
      hub.descendants().forEach(ProcessHandle::destroyForcibly);
      hub.destroyForcibly();
    }
  }

  private static HttpResponse<String> api(String base, String method, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/hub/api" + path))
        .header("Authorization", "token " + token).timeout(Duration.ofSeconds(60));
    b = method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.noBody());
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in through the form as a browser does; returns the status (302 in, 403 refused). */
  private static int login(String base, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String page = http.send(HttpRequest.newBuilder(URI.create(base + "/hub/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher xsrf = java.util.regex.Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(xsrf.find()).as("login page has _xsrf: %s", page).isTrue();
    String form = "_xsrf=" + xsrf.group(1) + "&username=" + user + "&password="
        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(base + "/hub/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  @Order(11)
  void doctorPassesAfterSetupAndNamesEachBreakage() throws Exception {
    assertThat(doctor()).as(lastOutput).isZero();
    assertThat(lastOutput).contains("PASS sudo grant").contains("PASS helper run").contains("PASS shadow");

    byte[] sudoers = Files.readAllBytes(layout.sudoersFile());
    Files.delete(layout.sudoersFile());
    assertThat(doctor()).isEqualTo(1);
    assertThat(lastOutput).contains("FAIL sudoers file").contains("FAIL helper run");
    Files.write(layout.sudoersFile(), sudoers);
    Files.setAttribute(layout.sudoersFile(), "unix:mode", 0440);

    Shell.ok("chmod", "o+w", layout.helper().toString());
    assertThat(doctor()).isEqualTo(1);
    assertThat(lastOutput).contains("FAIL helper ownership").contains(layout.helper().toString());
    Shell.ok("chmod", "o-w", layout.helper().toString());

    Shell.ok("gpasswd", "-d", layout.serviceUser(), "shadow");
    assertThat(doctor()).isEqualTo(1);
    assertThat(lastOutput).contains("FAIL shadow").contains("usermod -aG shadow " + layout.serviceUser());
    Shell.ok("usermod", "-aG", "shadow", layout.serviceUser());
    assertThat(doctor()).as(lastOutput).isZero();
  }

  @Test
  @Order(12)
  void undoRemovesWhatSetupMade() {
    assertThat(run(Setup.Mode.UNDO)).as(lastOutput).isZero();
    assertThat(layout.sudoersFile()).doesNotExist();
    assertThat(layout.pamFile()).doesNotExist();
    assertThat(layout.helper()).doesNotExist();
    assertThat(Host.userExists(layout.serviceUser())).isFalse();
  }

  private static List<String> asService(String... command) {
    List<String> out = new ArrayList<>(List.of("runuser", "-u", layout.serviceUser(), "--"));
    out.addAll(List.of(command));
    return out;
  }

  private static SpawnRequest request(String user, Map<String, String> environment) {
    SpawnerSettings settings = SpawnerSettings.defaults().withEnvironment(environment);
    Map<String, String> hubEnv = Map.of("JUPYTERHUB_USER", user, "JUPYTERHUB_API_TOKEN", "token-" + user);
    return new SpawnRequest(new UserName(user), ServerName.DEFAULT, hubEnv, "/user/" + user + "/", settings,
        Path.of("/tmp/unused-" + user + ".log"), progress -> {});
  }

  /** Waits (up to 30 s) for the server to answer, then returns the status of GET {@code url} ('/' if no path). */
  private static int get(URI url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return client.send(HttpRequest.newBuilder(url.getPath().isEmpty() ? url.resolve("/") : url).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.net.ConnectException e) {
        if (System.nanoTime() > deadline) throw e;
        LockSupport.parkNanos(50_000_000L);
      }
    }
  }
}
