package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ganymede.security.ProxyTokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A login, a token creation and a failed login, with every log line (DEBUG and up) and every
 * response body collected: none contains the cookie secret, the proxy token, a token value or
 * the password.
 */
class SecretsNeverLoggedTest {
  @TempDir Path dir;

  @Test
  void noSecretReachesALogLineOrAPage() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level old = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    List<String> pages = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    String password = "correct-horse-battery-staple-42";
    try (RunningHub hub = RunningHub.start(dir, "--DummyAuthenticator.password=" + password)) {
      var browser = LoginTest.Browser.create();
      var ok = browser.login(hub, "alice", password, null);
      assertThat(ok.statusCode()).isEqualTo(302);
      var home = browser.get(hub.url("/hub/home"));
      pages.add(home.body());
      String xsrf = browser.cookies().getCookieStore().getCookies().stream().filter(c -> c.getName().equals("_xsrf"))
          .findFirst().orElseThrow().getValue();
      var created = browser.http().send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/alice/tokens")))
          .header("X-XSRFToken", xsrf).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"leak test\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      String token = created.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
      assertThat(token).hasSizeGreaterThan(20);
      secrets.add(token);
      var used = hub.api("GET", "/user", token, null);
      assertThat(used.status()).isEqualTo(200);
      pages.add(used.body());
      var failed = LoginTest.Browser.create().login(hub, "bob", password + "-wrong", null);
      assertThat(failed.statusCode()).isEqualTo(403);
      pages.add(failed.body());
      pages.add(hub.api("GET", "/users/alice", token + "x", null).body());
      pages.add(hub.api("GET", "/nonexistent", hub.adminToken, null).body());
      secrets.add(hub.adminToken);
      secrets.add(password);
      secrets.add(Files.readString(dir.resolve("cookie_secret")).strip());
      secrets.add(HexFormat.of().formatHex(HexFormat.of().parseHex(Files.readString(dir.resolve("cookie_secret")).strip())));
      secrets.add(Files.readString(dir.resolve(ProxyTokenSource.FILE_NAME)).strip());
    } finally {
      root.detachAppender(logs);
      root.setLevel(old);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
    assertThat(lines).hasSizeGreaterThan(10);
    for (String secret : secrets) {
      assertThat(lines).as("log lines").noneMatch(l -> l.contains(secret));
      assertThat(pages).as("pages").noneMatch(p -> p.contains(secret));
    }
  }
}
