package org.ganymede.auth.pam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.ganymede.spawn.local.ThrowAwayUnixUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code open_sessions} against the real PAM stack: a throw-away service whose session stack runs
 * {@code pam_exec} with a script that writes down {@code $PAM_TYPE $PAM_USER}. Needs root (writes
 * /etc/pam.d and creates an account).
 */
@Tag("root")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PamSessionTest {
  private static ThrowAwayUnixUser user;
  private static PamSessionFixture fixture;

  @BeforeAll
  static void createAccountAndServices() throws Exception {
    assumeTrue(Shell.isRoot(), "PAM session tests need root: they write /etc/pam.d and create a Unix account");
    user = ThrowAwayUnixUser.create();
    fixture = PamSessionFixture.create();
  }

  @AfterAll
  static void removeAccountAndServices() throws Exception {
    if (fixture != null) fixture.close();
    if (user != null) user.close();
  }

  @Test
  void sessionIsOpenedBeforeTheSpawnAndClosedAfterTheStop() throws Exception {
    try (PamAuthenticator pam = PamAuthenticator.create(PamAuthenticator.Settings.of(fixture.service, "utf8", true)
        .withOpenSessions(true))) {
      pam.preSpawnStart(user.name, "");
      assertThat(fixture.recorded()).containsExactly("open_session " + user.name);
      pam.postSpawnStop(user.name, "");
      assertThat(fixture.recorded()).containsExactly("open_session " + user.name, "close_session " + user.name);
    } finally {
      fixture.clear();
    }
  }

  @Test
  void withoutOpenSessionsNoSessionIsTouched() throws Exception {
    try (PamAuthenticator pam = PamAuthenticator.create(PamAuthenticator.Settings.of(fixture.service, "utf8", true))) {
      pam.preSpawnStart(user.name, "");
      pam.postSpawnStop(user.name, "");
      assertThat(fixture.recorded()).isEmpty();
    } finally {
      fixture.clear();
    }
  }

  @Test
  void aFailingSessionStackWarnsDoesNotThrowAndTurnsSessionsOff() throws Exception {
    try (PamAuthenticator pam = PamAuthenticator.create(PamAuthenticator.Settings.of(fixture.failingService, "utf8",
        true).withOpenSessions(true))) {
      pam.preSpawnStart(user.name, ""); // the script records, then fails: a warning, no exception
      pam.postSpawnStop(user.name, ""); // sessions are off now, as in JupyterHub: nothing runs
      pam.preSpawnStart(user.name, "");
      assertThat(fixture.recorded()).containsExactly("open_session " + user.name);
    } finally {
      fixture.clear();
    }
  }

  /** Two throw-away PAM services sharing one recording script; the second one's sessions fail. */
  static final class PamSessionFixture implements AutoCloseable {
    final String service = "ganytest-sess-" + ThrowAwayAccount.randomHex();
    final String failingService = service + "-fail";
    final Path dir;
    final Path record;

    private PamSessionFixture(Path dir) {
      this.dir = dir;
      this.record = dir.resolve("sessions.log");
    }

    static PamSessionFixture create() throws Exception {
      PamSessionFixture f = new PamSessionFixture(Files.createTempDirectory("ganytest-pam"));
      Path script = f.dir.resolve("record.sh");
      Files.writeString(script, "#!/bin/sh\necho \"$PAM_TYPE $PAM_USER\" >> " + f.record + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path failing = f.dir.resolve("record-and-fail.sh");
      Files.writeString(failing, "#!/bin/sh\necho \"$PAM_TYPE $PAM_USER\" >> " + f.record + "\nexit 1\n");
      Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
      String stacks = "@include common-auth\n@include common-account\n";
      Files.writeString(Path.of("/etc/pam.d", f.service), stacks + "session required pam_exec.so " + script + "\n");
      Files.writeString(Path.of("/etc/pam.d", f.failingService), stacks + "session required pam_exec.so " + failing + "\n");
      return f;
    }

    List<String> recorded() throws Exception {
      return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }

    void clear() throws Exception {
      Files.deleteIfExists(record);
    }

    @Override
    public void close() throws Exception {
      Files.deleteIfExists(Path.of("/etc/pam.d", service));
      Files.deleteIfExists(Path.of("/etc/pam.d", failingService));
      Shell.run("rm", "-rf", "--one-file-system", dir.toString());
    }
  }
}
