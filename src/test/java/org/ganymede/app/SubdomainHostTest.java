package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JupyterHub.subdomain_host: the proxy routes on the Host header, so alice's server lives at
 * {@code alice.hub.example/} and the hub keeps its own host. A stand-in backend plays alice's
 * server (spawned servers come with the spawner integration).
 */
class SubdomainHostTest {
  @TempDir Path dir;
  RunningHub hub;
  Vertx vertx;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
    if (vertx != null) vertx.close().await();
  }

  @Test
  void eachUsersHostReachesOnlyItsOwnServerAndTheHubKeepsItsHost() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.subdomain_host=http://hub.example");
    vertx = Vertx.vertx();
    var backend = vertx.createHttpServer().requestHandler(r -> r.response().end("alice's server saw " + r.path()))
        .listen(0, "127.0.0.1").await();
    hub.hub.proxy().routes().add("/alice.hub.example/user/alice/", "http://127.0.0.1:" + backend.actualPort(), Map.of())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    String alice = get("alice.hub.example", "/user/alice/lab");
    assertThat(alice).startsWith("HTTP/1.1 200").contains("alice's server saw /user/alice/lab");
    String bobHost = get("bob.hub.example", "/user/alice/lab");
    assertThat(bobHost).doesNotContain("alice's server");
    String hubPage = get("hub.example", "/hub/login");
    assertThat(hubPage).startsWith("HTTP/1.1 200").contains("_xsrf");
  }

  /** One raw HTTP/1.1 GET with the given Host header (the JDK client will not set Host). */
  private String get(String host, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", hub.hub.publicPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
