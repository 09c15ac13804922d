package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GHSA-w3vc-fx9p-wp4v / CVE-2024-28179 (jupyter-server-proxy: websockets skipped authentication).
 * The hub's part: a real {@code jupyterhub-singleuser} server behind Ganymede's proxy asks the hub
 * who a websocket's token belongs to and what it may reach; a websocket into alice's kernel without
 * credentials or with bob's token never upgrades (101), alice's own token does.
 */
class GHSA_w3vc_fx9p_wp4v_ServerWebsocketsNeedTheUsersAuth {
  @TempDir Path dir;
  AdvisoryHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  @Test
  void aWebsocketIntoAlicesKernelNeedsAlicesCredentials() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    hub = AdvisoryHub.start(dir, "", "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"));
    hub.hub.users().ensure("alice");
    hub.hub.users().ensure("bob");
    assertThat(hub.api("POST", "/users/alice/server", hub.adminToken, null).statusCode()).isIn(201, 202);
    awaitReady();
    String alice = hub.token("alice", List.of("inherit"));
    String bob = hub.token("bob", List.of("inherit"));
    var kernel = AdvisoryHub.Browser.plain().send(HttpRequest.newBuilder(URI.create(hub.url("/user/alice/api/kernels")))
        .header("Authorization", "token " + alice).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
    String channels = "/user/alice/api/kernels/" + Json.MAPPER.readTree(kernel.body()).get("id").asString() + "/channels";

    assertThatThrownBy(() -> open(channels, null)).as("no credentials").hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThatThrownBy(() -> open(channels, bob)).as("bob's token").hasCauseInstanceOf(WebSocketHandshakeException.class);
    WebSocket own = open(channels, alice);
    own.abort();
  }

  private WebSocket open(String path, String token) {
    var b = AdvisoryHub.Browser.plain().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "token " + token);
    try {
      return b.buildAsync(URI.create(hub.url(path).replaceFirst("^http", "ws")), new WebSocket.Listener() {}).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        assertThat(h.getResponse().statusCode()).as("refused, not upgraded").isNotEqualTo(101);
      }
      throw e;
    }
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      var servers = Json.MAPPER.readTree(hub.api("GET", "/users/alice", hub.adminToken, null).body()).get("servers");
      if (servers.has("") && servers.get("").get("ready").asBoolean()) return;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("alice's server never became ready: " + servers);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
