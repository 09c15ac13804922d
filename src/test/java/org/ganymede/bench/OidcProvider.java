package org.ganymede.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The OpenID Connect provider of bench/identity: mock-oauth2-server (a real implementation of the
 * protocol: discovery, JWKS, authorization code, token endpoint) on {@code 127.0.0.1:--port}
 * ({@code OidcProvider serve --port P}), for as
 * long as the benchmark keeps the process. Every authorization answers at once for a new subject,
 * so each benchmark login is a first login. Prints {@code ISSUER <url>} once it listens.
 */
public final class OidcProvider {
  private OidcProvider() {}

  public static void main(String[] argv) throws Exception {
    var args = BenchArgs.parse(argv, List.of("port"));
    MockOAuth2Server server = new MockOAuth2Server();
    server.start(InetAddress.getLoopbackAddress(), Integer.parseInt(args.required("port")));
    System.out.println("ISSUER " + server.issuerUrl("default"));
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    new CountDownLatch(1).await(); // until the benchmark stops the process
  }
}
