package org.ganymede.auth.pam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayPamSessionService;
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
  private static ThrowAwayPamSessionService fixture;

  @BeforeAll
  static void createAccountAndServices() throws Exception {
    assumeTrue(Shell.isRoot(), "PAM session tests need root: they write /etc/pam.d and create a Unix account");
    user = ThrowAwayUnixUser.create();
    fixture = ThrowAwayPamSessionService.create();
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
}
