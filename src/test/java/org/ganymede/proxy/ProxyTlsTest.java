package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS on the public side, the http→https redirect, and https targets checked against a CA. */
class ProxyTlsTest {
  static Vertx vertx;
  static SelfSignedCertificate publicCert;
  static SelfSignedCertificate backendCert;
  static EchoBackend plainBackend;
  static EchoBackend tlsBackend;
  static HttpClient trustingClient;

  @BeforeAll
  static void start() {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    publicCert = SelfSignedCertificate.create("localhost");
    backendCert = SelfSignedCertificate.create("localhost");
    plainBackend = EchoBackend.start(vertx);
    tlsBackend = EchoBackend.start(vertx, new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyPath(backendCert.privateKeyPath()).setCertPath(backendCert.certificatePath())));
    trustingClient = vertx.createHttpClient(new HttpClientOptions().setTrustAll(true).setVerifyHost(false));
  }

  @AfterAll
  static void stop() {
    plainBackend.close();
    tlsBackend.close();
    vertx.close();
  }

  static ProxyOptions.Builder tlsProxy() {
    return ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(1)
        .sslKey(Path.of(publicCert.privateKeyPath())).sslCert(Path.of(publicCert.certificatePath()));
  }

  static HttpClientResponse send(int port, boolean ssl, String uri, Buffer[] body) throws Exception {
    return trustingClient.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(port).setSsl(ssl).setURI(uri))
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(b -> {
          body[0] = b;
          return resp;
        }))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servesHttpsAndTellsTheTargetTheProtoWasHttps() throws Exception {
    try (var p = new ProxyHttpTest.Closing(ProxyServer.start(vertx, tlsProxy().build()))) {
      p.proxy().routes().add("/user/alice", plainBackend.url(), Map.of()).toCompletableFuture().get();
      Buffer[] body = new Buffer[1];
      HttpClientResponse response = send(p.proxy().publicPort(), true, "/user/alice/x", body);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject headers = new JsonObject(body[0]).getJsonObject("headers");
      assertThat(headers.getString("x-forwarded-proto")).isEqualTo("https");
    }
  }

  @Test
  void theRedirectPortSends301ToHttps() throws Exception {
    try (var p = new ProxyHttpTest.Closing(ProxyServer.start(vertx, tlsProxy().redirectPort(0).redirectTo(8443).build()))) {
      Buffer[] body = new Buffer[1];
      HttpClientResponse response = send(p.proxy().redirectPort().orElseThrow(), false, "/user/alice/x?y=1", body);
      assertThat(response.statusCode()).isEqualTo(301);
      assertThat(response.getHeader("location")).isEqualTo("https://127.0.0.1:8443/user/alice/x?y=1");
    }
  }

  @Test
  void httpsTargetsAreVerifiedAgainstTheClientCa() throws Exception {
    String target = "https://localhost:" + tlsBackend.port();
    try (var trusting = new ProxyHttpTest.Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
            .eventLoops(1).clientSslCa(Path.of(backendCert.certificatePath())).build()));
        var untrusting = new ProxyHttpTest.Closing(ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0)
            .eventLoops(1).build()))) {
      trusting.proxy().routes().add("/", target, Map.of()).toCompletableFuture().get();
      untrusting.proxy().routes().add("/", target, Map.of()).toCompletableFuture().get();
      Buffer[] body = new Buffer[1];
      assertThat(send(trusting.proxy().publicPort(), false, "/x", body).statusCode()).isEqualTo(200);
      assertThat(send(untrusting.proxy().publicPort(), false, "/x", body).statusCode()).isEqualTo(503);
    }
  }
}
