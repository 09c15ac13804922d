package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GHSA-5mrq-x3x5-8v8f / CVE-2026-40934 (Jupyter Server), hub side: a captured
 * {@code jupyterhub-hub-login} cookie must stop working once the operator rotates the cookie
 * secret, whichever way it is given (the secret file or {@code JPY_COOKIE_SECRET}). A restart with
 * the same secret keeps the session, so it is the rotation that ends it. (The advisory's other
 * half, revoking OAuth tokens, is {@code GHSA_cw7p_q79f_m2v7_LogoutEndsServerSessions}.)
 */
class GHSA_5mrq_x3x5_8v8f_RotatingTheCookieSecretEndsSessions {
  static final String SECRET_A = "a1".repeat(32);
  static final String SECRET_B = "b2".repeat(32);

  @TempDir Path dir;
  AdvisoryHub hub;

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  /** Whether the browser's login cookie still signs it in: the home page and the API both answer. */
  boolean signedIn(AdvisoryHub.Browser b) throws Exception {
    int home = b.get(hub.url("/hub/home")).statusCode();
    int api = b.get(hub.url("/hub/api/user")).statusCode();
    assertThat(home == 200).as("home %s and api %s agree", home, api).isEqualTo(api == 200);
    return home == 200;
  }

  /** The secret file as an operator writes it: hex, owner-only (the hub refuses a readable one). */
  void writeSecretFile(String hex) throws Exception {
    Path file = dir.resolve("cookie_secret");
    Files.writeString(file, hex + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  AdvisoryHub restart(Map<String, String> env) throws Exception {
    hub.close();
    hub = AdvisoryHub.start(dir, "", env);
    return hub;
  }

  @Test
  void rotatingTheSecretFileEndsEveryLoginCookie() throws Exception {
    writeSecretFile(SECRET_A);
    hub = AdvisoryHub.start(dir, "");
    var alice = AdvisoryHub.Browser.create();
    alice.login(hub, "alice", "x", null);
    assertThat(signedIn(alice)).isTrue();

    restart(Map.of());
    assertThat(signedIn(alice)).as("same secret after a restart: still signed in").isTrue();

    writeSecretFile(SECRET_B);
    restart(Map.of());
    assertThat(signedIn(alice)).as("rotated secret: the old cookie is refused").isFalse();
    var home = alice.get(hub.url("/hub/home"));
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location").orElseThrow()).startsWith("/hub/login");
  }

  @Test
  void rotatingJpyCookieSecretEndsEveryLoginCookie() throws Exception {
    hub = AdvisoryHub.start(dir, "", Map.of("JPY_COOKIE_SECRET", SECRET_A));
    var alice = AdvisoryHub.Browser.create();
    alice.login(hub, "alice", "x", null);
    assertThat(signedIn(alice)).isTrue();

    restart(Map.of("JPY_COOKIE_SECRET", SECRET_A));
    assertThat(signedIn(alice)).isTrue();

    restart(Map.of("JPY_COOKIE_SECRET", SECRET_B));
    assertThat(signedIn(alice)).isFalse();
  }
}
