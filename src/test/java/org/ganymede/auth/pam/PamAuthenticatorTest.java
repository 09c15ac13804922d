package org.ganymede.auth.pam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ganymede.auth.Authenticator.Identity;
import org.ganymede.auth.Credentials;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real PAM stack with a real account and password; needs root (creates the account). */
@Tag("root")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PamAuthenticatorTest {
  private static ThrowAwayAccount alice;
  private static String service;
  private static PamAuthenticator pam;

  @BeforeAll
  static void createAccountAndService() throws Exception {
    assumeTrue(Shell.isRoot(), "PAM tests need root: they create a Unix account with a password");
    alice = ThrowAwayAccount.create("ganypam");
    // Debian's login service sleeps 3 s after a failure (pam_faildelay); setup installs this instead.
    service = "ganytest-" + ThrowAwayAccount.randomHex();
    Files.writeString(Path.of("/etc/pam.d", service), "@include common-auth\n@include common-account\n");
    pam = PamAuthenticator.create(PamAuthenticator.Settings.of(service, "utf8", true));
  }

  @AfterAll
  static void removeAccountAndService() throws Exception {
    if (pam != null) pam.close();
    if (service != null) Files.deleteIfExists(Path.of("/etc/pam.d", service));
    if (alice != null) alice.close();
  }

  private static Optional<Identity> login(String user, String password) {
    try (Credentials c = new Credentials(user, password.toCharArray(), "192.0.2.7")) {
      return pam.authenticate(c);
    }
  }

  @Test
  void rightPasswordGivesTheIdentity() {
    assertThat(login(alice.name, alice.password)).contains(Identity.of(alice.name));
  }

  @Test
  void pamNormalizeUsernameTurnsAnAliasIntoTheAccountsOwnName() {
    // a second name on alice's uid: PAM accepts it, getpwuid gives alice's name back
    String alias = "ganyalias" + ThrowAwayAccount.randomHex();
    Shell.ok("useradd", "-o", "-u", alice.uid(), "-g", alice.name, "-M", "-d", "/nonexistent", alias);
    try (PamAuthenticator normalizing = PamAuthenticator.create(
        PamAuthenticator.Settings.of(service, "utf8", true).withNormalizeUsername(true))) {
      Shell.Result set = Shell.run(List.of("chpasswd"), alias + ":" + alice.password + "\n");
      assertThat(set.status()).as(set.out()).isZero();
      assertThat(login(alias, alice.password)).as("without normalizing").contains(Identity.of(alias));
      try (Credentials c = new Credentials(alias, alice.password.toCharArray(), "192.0.2.7")) {
        assertThat(normalizing.authenticate(c)).contains(Identity.of(alice.name));
      }
    } finally {
      Shell.run("userdel", alias);
    }
  }

  @Test
  void wrongPasswordGivesNothing() {
    assertThat(login(alice.name, alice.password + "x")).isEmpty();
    assertThat(login(alice.name, "")).isEmpty();
  }

  @Test
  void unknownUserGivesNothing() {
    assertThat(login("nosuchganyuser", "whatever")).isEmpty();
  }

  @Test
  void failedLoginsDoNotSleep() {
    long t0 = System.nanoTime();
    assertThat(login(alice.name, "wrong")).isEmpty();
    // pam_unix alone would wait ~2 s; the hub's throttle limits guessing instead.
    assertThat(System.nanoTime() - t0).isLessThan(1_500_000_000L);
  }

  @Test
  void twentyConcurrentLoginsAllSucceedOrFailCorrectly() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try {
      List<Future<Optional<Identity>>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        boolean right = i % 2 == 0;
        Callable<Optional<Identity>> call = () -> login(alice.name, right ? alice.password : "wrong");
        results.add(callers.submit(call));
      }
      for (int i = 0; i < 20; i++) {
        Optional<Identity> got = results.get(i).get(60, TimeUnit.SECONDS);
        if (i % 2 == 0) assertThat(got).as("login %d", i).isPresent();
        else assertThat(got).as("login %d", i).isEmpty();
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void groupsAreTheUnixGroups() {
    assertThat(pam.groupsOf(alice.name)).contains(alice.name);
    assertThat(pam.groupsOf("root")).contains("root");
    assertThat(pam.groupsOf("nosuchganyuser")).isEmpty();
  }

  @Test
  void wipesNothingOfTheCallersPasswordButTheCallerCan() {
    char[] password = alice.password.toCharArray();
    Credentials c = new Credentials(alice.name, password, "");
    assertThat(pam.authenticate(c)).isPresent();
    assertThat(new String(password)).isEqualTo(alice.password); // untouched until the caller closes
    c.close();
    assertThat(password).containsOnly((char) 0);
  }
}
