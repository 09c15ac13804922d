package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.proxy.PortInUseException;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port is told as the option that chose it, not as the socket layer's BindException. */
class PortInUseTest {
  @TempDir Path dir;

  @Test
  void aTakenPublicPortIsNamedAsJupyterHubPort() throws IOException {
    try (ServerSocket taken = takePort()) {
      assertThatThrownBy(() -> start("--port=" + taken.getLocalPort(), "--JupyterHub.hub_port=0"))
          .isInstanceOf(StartupException.class)
          .hasMessageStartingWith("JupyterHub.port " + taken.getLocalPort() + " is in use on 127.0.0.1");
    }
  }

  @Test
  void aTakenHubPortIsNamedAsJupyterHubHubPort() throws IOException {
    try (ServerSocket taken = takePort()) {
      assertThatThrownBy(() -> start("--port=" + RunningHub.freePort(), "--JupyterHub.hub_port=" + taken.getLocalPort()))
          .isInstanceOf(StartupException.class)
          .hasMessageStartingWith("JupyterHub.hub_port " + taken.getLocalPort() + " is in use on 127.0.0.1");
    }
  }

  @Test
  void aTakenProxyApiPortNamesTheApiListenerAndItsFlag() throws IOException {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = takePort()) {
      ProxyOptions options = ProxyOptions.builder().ip("127.0.0.1").port(0).apiIp("127.0.0.1")
          .apiPort(taken.getLocalPort()).build();
      assertThatThrownBy(() -> ProxyServer.start(vertx, options))
          .isInstanceOfSatisfying(PortInUseException.class, e -> {
            assertThat(e.listener()).isEqualTo(PortInUseException.Listener.API);
            assertThat(PortsInUse.proxyFlag(e)).startsWith("--api-port " + taken.getLocalPort() + " is in use");
          });
    } finally {
      vertx.close().await();
    }
  }

  private static ServerSocket takePort() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  private void start(String... ports) {
    List<String> args = new java.util.ArrayList<>(List.of("--ip=127.0.0.1",
        "--JupyterHub.db_url=sqlite:///" + dir.resolve("jupyterhub.sqlite"),
        "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"), "--JupyterHub.authenticator_class=dummy"));
    args.addAll(List.of(ports));
    var config = ConfigLoader.load(new ConfigSources(Optional.empty(), args, Map.of())).config();
    Ganymede.start(config, dir, Map.of()).close();
  }
}
