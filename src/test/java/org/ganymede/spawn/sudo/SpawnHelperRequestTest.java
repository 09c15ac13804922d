package org.ganymede.spawn.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helper's request checks, in-process and without root: what it refuses and what it passes on. */
class SpawnHelperRequestTest {
  private static final UserSelf ALICE = new UserSelf("alice", 1001, Path.of("/home/alice"));
  private static final HelperConfig CONFIG = new HelperConfig(List.of("/usr/bin/jupyterhub-singleuser"), List.of(),
      List.of("LANG"), "/usr/bin:/bin", Map.of());

  private static String reply(String request, int[] status) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status[0] = SpawnHelper.run(Path.of("/nonexistent/spawn-helper.json"),
        new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void malformedJsonGetsAJsonErrorAndStatusOne() {
    int[] status = {0};
    assertThat(reply("{nope", status)).startsWith("{\"error\":\"request is not valid JSON");
    assertThat(status[0]).isEqualTo(1);
    assertThat(reply("[1,2]", status)).isEqualTo("{\"error\":\"request must be a JSON object\"}");
    assertThat(status[0]).isEqualTo(1);
  }

  @Test
  void environmentOutsideTheAllowListIsRefusedByName() {
    ServerStart start = new ServerStart(CONFIG, ALICE);
    assertThatThrownBy(() -> start.environment(Map.of("JUPYTERHUB_USER", "alice", "LD_PRELOAD", "/tmp/x.so")))
        .isInstanceOf(HelperException.class).hasMessageContaining("environment variable LD_PRELOAD is not allowed");
    assertThatThrownBy(() -> start.environment(Map.of("PYTHONPATH", "/tmp")))
        .hasMessageContaining("PYTHONPATH");
  }

  @Test
  void helperSetsPathAndAccountVariablesItselfAndExpandsTheRootDir() {
    Map<String, String> env = new ServerStart(CONFIG, ALICE).environment(
        Map.of("JUPYTERHUB_API_TOKEN", "t", "JPY_API_TOKEN", "t", "LANG", "C.UTF-8", "JUPYTERHUB_ROOT_DIR", "~/work"));
    assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("HOME", "/home/alice")
        .containsEntry("USER", "alice").containsEntry("LANG", "C.UTF-8")
        .containsEntry("JUPYTERHUB_ROOT_DIR", "/home/alice/work").containsEntry("JPY_API_TOKEN", "t");
  }

  @Test
  void spawnAndSignalRequestsAreCheckedFieldByField() {
    var json = Protocol.JSON;
    assertThatThrownBy(() -> SpawnOrder.parse(json.readTree("{\"action\":\"spawn\",\"port\":0,\"env\":{}}")))
        .hasMessageContaining("port must be a number 1–65535");
    assertThatThrownBy(() -> SpawnOrder.parse(json.readTree("{\"action\":\"spawn\",\"port\":80,\"env\":{},\"cmd\":[\"/bin/sh\"]}")))
        .hasMessageContaining("unknown request key 'cmd'");
    assertThatThrownBy(() -> SpawnOrder.parse(json.readTree("{\"action\":\"spawn\",\"server\":\"../x\",\"port\":80,\"env\":{}}")))
        .hasMessageContaining("server name '../x' is not allowed");
    assertThatThrownBy(() -> SignalOrder.parse(json.readTree("{\"action\":\"signal\",\"pid\":1,\"start_time\":0,\"signal\":\"TERM\"}")))
        .hasMessageContaining("pid must be a number greater than 1");
    assertThatThrownBy(() -> SignalOrder.parse(json.readTree("{\"action\":\"signal\",\"pid\":99,\"start_time\":0,\"signal\":\"HUP\"}")))
        .hasMessageContaining("signal must be one of");
    assertThat(SignalOrder.parse(json.readTree("{\"action\":\"signal\",\"pid\":99,\"start_time\":7,\"signal\":\"KILL\"}")))
        .isEqualTo(new SignalOrder(99, 7, 9));
  }

  @Test
  void signalRefusesAnotherUsersProcess() {
    long self = ProcessHandle.current().pid();
    long start = org.ganymede.spawn.ProcessStamp.read(self).orElseThrow().startTicks();
    UserSelf stranger = new UserSelf("stranger", 4242, Path.of("/nonexistent"));
    assertThatThrownBy(() -> Signals.send(stranger, new SignalOrder(self, start, 15)))
        .hasMessageContaining("does not belong to user stranger");
  }

  @Test
  void tlsPathsComeOnlyFromTheHelperNeverFromTheHubsEnvironment() {
    assertThatThrownBy(() -> new ServerStart(CONFIG, ALICE).environment(Map.of("JUPYTERHUB_SSL_KEYFILE", "/tmp/k")))
        .isInstanceOf(HelperException.class)
        .hasMessageContaining("environment variable JUPYTERHUB_SSL_KEYFILE is set by the spawn helper itself");
  }

  @Test
  void tlsMaterialIsCheckedWithoutQuotingIt() {
    var json = Protocol.JSON;
    String secret = "-----BEGIN PRIVATE KEY-----\nsecret-bits\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> SpawnOrder.parse(json.readTree("{\"action\":\"spawn\",\"port\":80,\"env\":{},"
        + "\"tls\":{\"key\":\"not pem secret-bits\",\"certificate\":\"-----BEGIN C\",\"client_ca\":\"-----BEGIN C\"}}")))
        .hasMessageContaining("tls.key must be PEM text").hasMessageNotContaining("secret-bits");
    assertThatThrownBy(() -> SpawnOrder.parse(json.readTree("{\"action\":\"spawn\",\"port\":80,\"env\":{},"
        + "\"tls\":{\"key\":\"-----BEGIN K\",\"certificate\":\"-----BEGIN C\"}}")))
        .hasMessageContaining("tls.client_ca must be PEM text");
    SpawnOrder order = SpawnOrder.parse(json.readTree(json.writeValueAsString(Map.of("action", "spawn", "port", 80,
        "env", Map.of(), "tls", Map.of("key", secret, "certificate", "-----BEGIN C", "client_ca", "-----BEGIN CA")))));
    assertThat(order.tls()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo(secret));
    assertThat(order.toString()).doesNotContain("secret-bits");
  }

  @Test
  void tlsFilesAreWrittenPrivatelyIntoTheUsersOwnDirectory(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    UserSelf me = new UserSelf("me", 1, home);
    var tls = new org.ganymede.security.pki.ServerTlsPem("-----BEGIN PRIVATE KEY-----\nk\n", "-----BEGIN CERTIFICATE-----\nc\n",
        "-----BEGIN CERTIFICATE-----\nca\n");
    Map<String, String> env = ServerCertificateFiles.install(me, "gpu", tls);
    Path dir = home.resolve(".ganymede/internal-ssl/gpu");
    assertThat(env).containsEntry("JUPYTERHUB_SSL_KEYFILE", dir.resolve("server.key").toString())
        .containsEntry("JUPYTERHUB_SSL_CERTFILE", dir.resolve("server.crt").toString())
        .containsEntry("JUPYTERHUB_SSL_CLIENT_CA", dir.resolve("client-ca.crt").toString());
    assertThat(java.nio.file.Files.readString(dir.resolve("server.key"))).isEqualTo(tls.key());
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String file : List.of("server.key", "server.crt", "client-ca.crt")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          java.nio.file.Files.getPosixFilePermissions(dir.resolve(file)))).as(file).isEqualTo("rw-------");
    }
    // A second spawn replaces the files in place and leaves no temporary file behind.
    ServerCertificateFiles.install(me, "gpu", tls);
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("server.key", "server.crt",
          "client-ca.crt");
    }
  }
}
