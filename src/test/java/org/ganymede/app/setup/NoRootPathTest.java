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
import java.security.cert.X509Certificate;
import org.ganymede.app.Browser;
import org.ganymede.app.KernelClient;
import org.ganymede.app.TlsClients;
import org.ganymede.app.check.Host;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.ganymede.spawn.ProcessStamp;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StartedServer;
import org.ganymede.spawn.StopTimeouts;
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
 * The no-root set-up of Trusted CI's JupyterHub security review on this machine, for real: setup as
 * root, then the service user starts and stops a member's server through sudo and the helper, PAM
 * works as the service user, doctor passes and names three breakages, undo removes it all. Needs
 * root; names are random per run.
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
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
  private static ThrowAwayAccount alice;
  private static ThrowAwayAccount bob;
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
    for (ThrowAwayAccount a : new ThrowAwayAccount[] {alice, bob, outsider}) if (a != null) a.close();
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
    assertThat(Host.attrs(layout.dataDir()).orElseThrow().uid()).isEqualTo(Commands.uidOf(layout.serviceUser()));
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
    bob = ThrowAwayAccount.create("ganybo", layout.usersGroup());
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

    spawner.stop(server.state(), StopTimeouts.ofSeconds(5, 5, 5));
    assertThat(spawner.poll(server.state())).contains(0);
    assertThat(server.exit().toCompletableFuture().get(5, TimeUnit.SECONDS)).isZero();
    System.out.println("sudo spawn took " + startMillis + " ms");
  }

  @Test
  @Order(6)
  void aServerIgnoringSigintAndSigtermGetsEachThroughTheHelperAndIsKilledAfterBothTimeouts() throws Exception {
    byte[] config = Files.readAllBytes(layout.helperConfig());
    Files.writeString(layout.helperConfig(), "{\"cmd\": [\"/bin/sh\"], \"args\": [\"-c\", "
        + JSON.writeValueAsString("trap 'echo got-INT' INT; trap 'echo got-TERM' TERM; echo trapped; "
            + "while :; do sleep 1; done") + "]}");
    try {
      StartedServer server = spawner.start(request(alice.name, Map.of()));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!spawner.logTail(server.state(), 5).contains("trapped") && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }

      long started = System.nanoTime();
      spawner.stop(server.state(), new StopTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).as("interrupt_timeout + term_timeout").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(spawner.poll(server.state())).as("gone after SIGKILL").contains(0);
      assertThat(spawner.logTail(server.state(), 10)).containsSubsequence("got-INT", "got-TERM");
    } finally {
      Files.write(layout.helperConfig(), config);
    }
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
          "/user/" + alice.name + "/", ServerLaunch.defaults().withEnvironment(Map.of("LANG", "C.UTF-8")),
          Path.of("/tmp/unused.log"), progress -> {});
      StartedServer server = spawner.start(request);
      try {
        long pid = server.state().number("pid", 0);
        assertThat(ProcessStamp.read(pid).orElseThrow().uid()).isEqualTo(Integer.parseInt(alice.uid()));
        assertThat(hubApi.versionChecked().await(60, TimeUnit.SECONDS))
            .as("the server called the hub API: %s", spawner.logTail(server.state(), 20)).isTrue();
        assertThat(get(URI.create(server.url() + request.servicePrefix() + "api"))).isEqualTo(200);
      } finally {
        spawner.stop(server.state(), StopTimeouts.defaults());
      }
      assertThat(spawner.poll(server.state())).isPresent();
    } finally {
      Files.write(layout.helperConfig(), trivialConfig);
    }
  }

  @Test
  @Order(7)
  void aMemberWithoutAHomeGetsOneFromTheHelperAsRootOnFirstSpawn() throws Exception {
    String name = "ganyhm" + ThrowAwayAccount.randomHex();
    Path home = Path.of("/home/" + name);
    Shell.ok("useradd", "-M", "-d", home.toString(), "-s", "/bin/bash", "-G", layout.usersGroup(), name);
    try {
      SudoSpawner homes = SudoSpawner.create(new SudoSpawner.Options(
          List.of("runuser", "-u", layout.serviceUser(), "--", "/usr/bin/sudo"), layout.helper(), layout.usersGroup(),
          Duration.ofSeconds(30)).withHomeDirectories(true));
      StartedServer server = homes.start(request(name, Map.of()));
      String uid = Shell.ok("id", "-u", name).strip();
      assertThat(Files.getAttribute(home, "unix:uid").toString()).as("made by root, given to the member").isEqualTo(uid);
      assertThat(ProcessStamp.read(server.state().number("pid", 0)).orElseThrow().uid()).isEqualTo(Integer.parseInt(uid));
      homes.stop(server.state(), StopTimeouts.ofSeconds(5, 5, 5));
      // The root grant is --mkhomedir and nothing else: the launcher's other modes stay refused as root.
      assertThat(Shell.run(asService("/usr/bin/sudo", "-n", "-u", "root", layout.helper().toString()), "").status())
          .isNotZero();
      assertThat(Shell.run(asService("/usr/bin/sudo", "-n", "-u", "root", layout.helper().toString(), "--check"), "")
          .status()).isNotZero();
    } finally {
      Shell.run("pkill", "-KILL", "-u", name);
      Shell.run("userdel", "-r", name);
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

  @Tag("jupyterhub")
  @Test
  @Order(10)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void hubRunsAsTheServiceUserLogsMembersInThroughPamAndTheirKernelsRunAsThemselves() throws Exception {
    byte[] trivialConfig = useRealSingleUserServer();
    String aliceToken = ServiceUserHub.token(layout, alice.name);
    String bobToken = ServiceUserHub.token(layout, bob.name);
    try (ServiceUserHub hub = ServiceUserHub.start(layout)) {
      assertThat(ProcessStamp.read(hub.javaPid()).orElseThrow().uid()).as("the hub is not root")
          .isEqualTo(Commands.uidOf(layout.serviceUser()));
      assertThat(login(hub.base, alice.name, "wrong-password")).isEqualTo(403);
      assertThat(login(hub.base, outsider.name, outsider.password)).as("outside allowed_groups").isEqualTo(403);
      Browser aliceBrowser = loggedIn(hub, alice);
      Browser bobBrowser = loggedIn(hub, bob);

      // The hub (not root) starts both servers through sudo and the helper; each kernel says whose it is.
      requestServer(hub, alice, aliceToken);
      requestServer(hub, bob, bobToken);
      awaitReady(hub, alice, aliceToken);
      awaitReady(hub, bob, bobToken);
      assertThat(kernelUid(aliceBrowser, alice)).as("alice's kernel: %s", hub.log()).isEqualTo(alice.uid());
      assertThat(kernelUid(bobBrowser, bob)).as("bob's kernel").isEqualTo(bob.uid());
      assertThat(bobBrowser.follow("/user/" + alice.name + "/tree").statusCode()).as("bob at alice's server: %s",
          bobBrowser.visited).isEqualTo(403);

      long alicePid = serverPid(alice);
      long bobPid = serverPid(bob);
      assertThat(api(hub.base, "DELETE", "/users/" + alice.name + "/server", aliceToken).statusCode()).isIn(202, 204);
      assertThat(api(hub.base, "DELETE", "/users/" + bob.name + "/server", bobToken).statusCode()).isIn(202, 204);
      awaitGone(alicePid);
      awaitGone(bobPid);
    } finally {
      Files.write(layout.helperConfig(), trivialConfig);
    }
  }

  /**
   * Internal TLS where the sudospawner of Trusted CI's review could not do it: the hub (not root)
   * sends the server's key and certificates in the spawn request; the helper writes them as the
   * user, 0600, where the service user cannot read them; the server serves HTTPS with that
   * certificate.
   */
  @Tag("jupyterhub")
  @Test
  @Order(10)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void withInternalTlsTheServersKeyIsTheUsersAloneAndTheKernelStillAnswers() throws Exception {
    byte[] trivialConfig = useRealSingleUserServer();
    String aliceToken = ServiceUserHub.token(layout, alice.name);
    try (ServiceUserHub hub = ServiceUserHub.start(layout, "--JupyterHub.internal_ssl=True")) {
      Browser browser = loggedIn(hub, alice);
      requestServer(hub, alice, aliceToken);
      awaitReady(hub, alice, aliceToken);
      long pid = serverPid(alice);
      Map<String, String> env = environ(pid);
      assertThat(env.get("JUPYTERHUB_API_URL")).startsWith("https://");
      assertThat(env.get("JUPYTERHUB_SERVICE_URL")).startsWith("https://127.0.0.1:");

      int aliceUid = Integer.parseInt(alice.uid());
      Path key = Path.of(env.get("JUPYTERHUB_SSL_KEYFILE"));
      assertThat(key.toString()).isEqualTo(Shell.ok("getent", "passwd", alice.name).split(":")[5]
          + "/.ganymede/internal-ssl/default/server.key");
      for (String variable : List.of("JUPYTERHUB_SSL_KEYFILE", "JUPYTERHUB_SSL_CERTFILE", "JUPYTERHUB_SSL_CLIENT_CA")) {
        Path file = Path.of(env.get(variable));
        assertThat(mode(file)).as(variable).isEqualTo(0600);
        assertThat(Host.attrs(file).orElseThrow().uid()).as(variable).isEqualTo(aliceUid);
      }
      assertThat(mode(key.getParent())).isEqualTo(0700);
      assertThat(Shell.run(asService("/bin/cat", key.toString())).status()).as("the service user reads the key")
          .isNotZero();

      X509Certificate presented = serverCertificate(URI.create(env.get("JUPYTERHUB_SERVICE_URL")).getPort(),
          layout.dataDir().resolve("internal-ssl/ca/ca.crt"));
      assertThat(presented.getSubjectX500Principal().getName()).contains("CN=user-" + alice.name);
      assertThat(kernelUid(browser, alice)).as("alice's kernel behind TLS: %s", hub.log()).isEqualTo(alice.uid());
      assertThat(hub.log()).doesNotContain("PRIVATE KEY");

      assertThat(api(hub.base, "DELETE", "/users/" + alice.name + "/server", aliceToken).statusCode()).isIn(202, 204);
      awaitGone(pid);
    } finally {
      Files.write(layout.helperConfig(), trivialConfig);
    }
  }

  /** Points the helper at Debian's jupyterhub-singleuser; returns the config to put back afterwards. */
  private static byte[] useRealSingleUserServer() throws Exception {
    assumeTrue(Files.isExecutable(layout.singleUserCmd()), "needs Debian's jupyterhub package");
    byte[] before = Files.readAllBytes(layout.helperConfig());
    Files.writeString(layout.helperConfig(), "{\"cmd\": [\"" + layout.singleUserCmd() + "\"],"
        + " \"args\": [\"--KernelManager.transport=ipc\"], \"env\": {\"LANG\": \"C.UTF-8\"}}");
    return before;
  }

  private static Browser loggedIn(ServiceUserHub hub, ThrowAwayAccount member) throws Exception {
    Browser browser = new Browser(hub.base);
    assertThat(browser.login(member.name, member.password).statusCode()).as("%s logs in through PAM: %s",
        member.name, hub.log()).isEqualTo(302);
    return browser;
  }

  private static void requestServer(ServiceUserHub hub, ThrowAwayAccount member, String token) throws Exception {
    HttpResponse<String> r = api(hub.base, "POST", "/users/" + member.name + "/server", token);
    assertThat(r.statusCode()).as(r.body()).isIn(201, 202);
  }

  private static void awaitReady(ServiceUserHub hub, ThrowAwayAccount member, String token) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    tools.jackson.databind.JsonNode model;
    do {
      model = JSON.readTree(api(hub.base, "GET", "/users/" + member.name, token).body()).path("servers").path("");
      if (model.path("ready").asBoolean(false)) return;
      LockSupport.parkNanos(200_000_000L);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("server of " + member.name + " not ready: " + model + "\n" + hub.log());
  }

  /** Opens a kernel on the member's server through the proxy (OAuth on the way) and asks it for its uid. */
  private static String kernelUid(Browser browser, ThrowAwayAccount member) throws Exception {
    String prefix = "/user/" + member.name + "/";
    HttpResponse<String> tree = browser.follow(prefix + "tree");
    assertThat(tree.statusCode()).as("visited %s", browser.visited).isEqualTo(200);
    assertThat(browser.visited).anyMatch(u -> u.contains("/hub/api/oauth2/authorize"));
    // notebook 6 sets its own _xsrf cookie on path /, beside the hub's on /hub/.
    String xsrf = browser.cookie("_xsrf", "/").orElseThrow();
    HttpResponse<String> kernel = browser.postJson(prefix + "api/kernels", "{}", xsrf);
    assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
    String id = JSON.readTree(kernel.body()).get("id").asString();
    return KernelClient.execute(browser, prefix, id, "import os; print(os.getuid())");
  }

  /** The member's jupyterhub-singleuser process (the API hides the spawner state from a user token). */
  private static long serverPid(ThrowAwayAccount member) {
    int uid = Integer.parseInt(member.uid());
    return ProcessHandle.allProcesses()
        .filter(p -> ProcessStamp.read(p.pid()).map(st -> st.uid() == uid && !st.ended()).orElse(false))
        .filter(p -> p.info().commandLine().orElse("").contains("jupyterhub-singleuser"))
        .findFirst().map(ProcessHandle::pid).orElseThrow(() -> new AssertionError("no server process of " + member.name));
  }

  private static void awaitGone(long pid) {
    long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ProcessStamp.read(pid).filter(p -> !p.ended()).isPresent() && System.nanoTime() < gone) {
      LockSupport.parkNanos(50_000_000L);
    }
    assertThat(ProcessStamp.read(pid).filter(p -> !p.ended())).as("pid %d stopped through the helper", pid).isEmpty();
  }

  private static Map<String, String> environ(long pid) throws Exception {
    String raw = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
    Map<String, String> env = new java.util.HashMap<>();
    for (String entry : raw.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return env;
  }

  /** The certificate the server presents, in a handshake that trusts only the internal CA. */
  private static X509Certificate serverCertificate(int port, Path caCertificate) throws Exception {
    javax.net.ssl.SSLContext trustCa = TlsClients.trusting(caCertificate);
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trustCa.getSocketFactory()
        .createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
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

  @Test
  @Order(11)
  void doctorPassesAfterSetupAndNamesEachBreakage() throws Exception {
    assertThat(doctor()).as(lastOutput).isZero();
    assertThat(lastOutput).contains("PASS sudo-grant").contains("PASS helper run").contains("PASS shadow");

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
    return ServiceUserHub.asService(layout, command);
  }

  private static SpawnRequest request(String user, Map<String, String> environment) {
    ServerLaunch settings = ServerLaunch.defaults().withEnvironment(environment);
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
