package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ganymede.http.Json;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The spawner story with {@code JupyterHub.internal_ssl} on: the real single-user server gets its
 * own certificate (readable only by its user), serves HTTPS, requires client certificates, and
 * the hub, the proxy and the browser flow all still work through it.
 */
@Tag("root")
@Tag("jupyterhub")
class InternalTlsEndToEndTest {
  @Test
  void aRealServerRunsWithInternalTlsAndTheWholeFlowWorks() throws Exception {
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root: creates Unix users");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    Path dir = Files.createTempDirectory("ganymede-itls");
    // Users must be able to pass through to their certificate directory.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ThrowAwayUnixUser user = ThrowAwayUnixUser.create();
        RunningHub hub = RunningHub.start(dir, "--JupyterHub.internal_ssl=True",
            "--JupyterHub.internal_certs_location=" + dir.resolve("internal-ssl"), "--Spawner.http_timeout=90")) {
      try {
        Browser b = new Browser(hub.url(""));
        b.login(user.name, "pw");
        b.follow("/hub/spawn/" + user.name);
        awaitReady(hub, user.name);

        long pid = hub.admin("GET", "/users/" + user.name, null).json().path("servers").path("").path("state")
            .path("pid").asLong();
        Map<String, String> env = environ(pid);
        assertThat(env.get("JUPYTERHUB_API_URL")).startsWith("https://");
        Path key = Path.of(env.get("JUPYTERHUB_SSL_KEYFILE"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.getAttribute(key, "unix:uid")).isEqualTo(user.uid());
        assertThat(env).containsKeys("JUPYTERHUB_SSL_CERTFILE", "JUPYTERHUB_SSL_CLIENT_CA");

        HttpResponse<String> tree = b.follow("/user/" + user.name + "/tree");
        assertThat(tree.statusCode()).as("visited %s", b.visited).isEqualTo(200);
        String xsrf = b.cookie("_xsrf", "/").orElseThrow();
        HttpResponse<String> kernel = b.postJson("/user/" + user.name + "/api/kernels", "{}", xsrf);
        assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(kernel.body()).get("id").asString();
        assertThat(KernelClient.execute(b, "/user/" + user.name + "/", id, "import os; print(os.getuid())"))
            .isEqualTo(Integer.toString(user.uid()));
      } finally {
        hub.admin("DELETE", "/users/" + user.name + "/server", null);
        new ProcessBuilder("pkill", "-KILL", "-u", user.name).start().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitReady(RunningHub hub, String user) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      var model = hub.admin("GET", "/users/" + user, null).json();
      if (model.path("servers").path("").path("ready").asBoolean(false)) return;
      Thread.sleep(200);
    }
    throw new AssertionError("not ready: " + hub.admin("GET", "/users/" + user, null));
  }

  private static Map<String, String> environ(long pid) throws Exception {
    String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
    return Stream.of(raw.split("\0")).filter(e -> e.contains("="))
        .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')), e -> e.substring(e.indexOf('=') + 1),
            (a, b) -> b));
  }
}
