package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.junit.jupiter.api.Test;

/**
 * The hub driving a separately running proxy through its REST API: users log in through it, and a
 * hub restart does not drop a WebSocket that is open through the proxy.
 */
class ExternalProxyTest {
  private static final String TOKEN = "external-proxy-token-0123456789ab";

  @Test
  void hubRestartKeepsConnectionsOpenThroughASeparateProxy() throws Exception {
    Vertx proxyVertx = Vertx.vertx();
    int publicPort = RunningHub.freePort();
    int apiPort = RunningHub.freePort();
    ProxyServer proxy = ProxyServer.start(proxyVertx, ProxyOptions.builder().ip("127.0.0.1").port(publicPort)
        .apiIp("127.0.0.1").apiPort(apiPort).authToken(TOKEN).build());
    HttpServer echo = proxyVertx.createHttpServer()
        .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
        .listen(0, "127.0.0.1").await();
    proxy.routes().add("/services/echo/", "http://127.0.0.1:" + echo.actualPort(), Map.of())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    Path dir = Files.createTempDirectory("ganymede-external");
    String[] traits = {"--port=" + publicPort, "--JupyterHub.proxy_class=configurable-http-proxy",
        "--ConfigurableHTTPProxy.should_start=False", "--ConfigurableHTTPProxy.api_url=http://127.0.0.1:" + apiPort,
        "--ConfigurableHTTPProxy.auth_token=" + TOKEN};
    try {
      RunningHub hub = RunningHub.start(dir, traits);
      Browser browser = new Browser(hub.url(""));
      assertThat(browser.login("alice", "x").statusCode()).isEqualTo(302);
      assertThat(browser.get("/hub/home").statusCode()).isEqualTo(200);

      LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
      WebSocketClient client = proxyVertx.createWebSocketClient();
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(publicPort)
          .setURI("/services/echo/")).await();
      ws.textMessageHandler(received::add);
      ws.writeTextMessage("before").await();
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("before");

      hub.close();
      hub = RunningHub.start(dir, traits);
      ws.writeTextMessage("after the hub restarted").await();
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("after the hub restarted");
      assertThat(browser.get("/hub/home").statusCode()).as("the login survives too").isEqualTo(200);
      hub.close();
    } finally {
      proxy.close();
      proxyVertx.close().await();
    }
  }

  @Test
  void aProxyThatIsNotRunningIsAClearStartupError() throws Exception {
    Path dir = Files.createTempDirectory("ganymede-external");
    int apiPort = RunningHub.freePort();
    var error = org.assertj.core.api.Assertions.catchThrowable(() -> RunningHub.start(dir,
        "--JupyterHub.proxy_class=configurable-http-proxy", "--ConfigurableHTTPProxy.should_start=False",
        "--ConfigurableHTTPProxy.api_url=http://127.0.0.1:" + apiPort, "--ConfigurableHTTPProxy.auth_token=" + TOKEN));
    assertThat(error).isInstanceOf(StartupException.class).hasMessageContaining("did not answer")
        .hasMessageContaining("api_url");
  }
}
