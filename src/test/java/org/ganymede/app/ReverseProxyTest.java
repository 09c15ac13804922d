package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.security.pki.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment of Trusted CI's JupyterHub security review: Debian's nginx terminates TLS in front
 * of a hub with base_url /jhub/ and forwards WebSocket upgrades. Logs in through nginx and echoes
 * over a WebSocket through it.
 */
class ReverseProxyTest {
  private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  @TempDir Path dir;
  RunningHub hub;
  Process nginx;
  Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) nginx.destroyForcibly();
    }
    if (hub != null) hub.close();
    if (vertx != null) vertx.close().await();
  }

  @Test
  void loginAndWebSocketsWorkThroughNginxWithTlsAndABaseUrl() throws Exception {
    hub = RunningHub.start(dir, "--JupyterHub.base_url=/jhub/");
    Files.createDirectories(dir.resolve("nginx"));
    var tls = SelfSignedCertificate.ensure(dir.resolve("nginx"), List.of("localhost", "127.0.0.1"), Clock.systemUTC()).files();
    vertx = Vertx.vertx();
    HttpServer echo = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
        .listen(0, "127.0.0.1").await();
    hub.hub.proxy().routes().add("/jhub/user/alice/", "http://127.0.0.1:" + echo.actualPort(), Map.of()).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    int port = RunningHub.freePort();
    startNginx(port, hub.hub.publicPort(), tls.certificate(), tls.key());

    var ctx = TlsClients.trusting(tls.certificate());
    HttpClient browser = HttpClient.newBuilder().sslContext(ctx).cookieHandler(new java.net.CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String base = "https://127.0.0.1:" + port + "/jhub/";
    var page = browser.send(HttpRequest.newBuilder(URI.create(base + "hub/login")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Matcher m = XSRF.matcher(page.body());
    assertThat(m.find()).isTrue();
    var login = browser.send(HttpRequest.newBuilder(URI.create(base + "hub/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + m.group(1) + "&username=alice&password=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).startsWith("/jhub/");
    var home = browser.send(HttpRequest.newBuilder(URI.create(base + "hub/home")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("alice");

    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket ws = HttpClient.newBuilder().sslContext(ctx).build().newWebSocketBuilder()
        .buildAsync(URI.create("wss://127.0.0.1:" + port + "/jhub/user/alice/api/kernels/k/channels"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            reply.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("ping through nginx", true);
    assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("ping through nginx");
    ws.abort();
  }

  private void startNginx(int port, int hubPort, Path cert, Path key) throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.createDirectories(dir.resolve("nginx-tmp"));
    String tmp = dir.resolve("nginx-tmp").toString();
    Files.writeString(conf, """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          server {
            listen 127.0.0.1:%2$d ssl;
            ssl_certificate %3$s;
            ssl_certificate_key %4$s;
            ssl_protocols TLSv1.2 TLSv1.3;
            location /jhub/ {
              proxy_pass http://127.0.0.1:%5$d;
              proxy_set_header Host $host:$server_port;
              proxy_set_header X-Real-IP $remote_addr;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_read_timeout 86400;
            }
          }
        }
        """.formatted(tmp, port, cert, key, hubPort));
    nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", tmp, "-c", conf.toString(), "-e", tmp + "/error.log")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException notYet) {
        if (!nginx.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
              + (Files.exists(Path.of(tmp, "error.log")) ? Files.readString(Path.of(tmp, "error.log")) : ""));
        }
        nginx.waitFor(50, TimeUnit.MILLISECONDS); // returns at once when nginx exits
      }
    }
  }
}
