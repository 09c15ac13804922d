package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LocalAuthenticator's accounts in a real hub (PAM): a user added through the API needs a Unix
 * account, created with add_user_cmd and uids when create_system_users is on (as JupyterHub).
 * Needs root: creates and removes throw-away accounts.
 */
@Tag("root")
class LocalAccountsTest {
  @TempDir Path dir;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void needsRoot() {
    assumeTrue(Shell.isRoot(), "needs root: creates Unix accounts");
  }

  @AfterEach
  void removeAccounts() {
    for (String name : created) Shell.run("userdel", "-r", name);
  }

  @Test
  void aUserWithoutAUnixAccountIsRefusedByNameAndNotAdded() {
    String name = "locacct" + ThrowAwayAccount.randomHex();
    try (RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=pam")) {
      var response = hub.admin("POST", "/users/" + name, null);
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.json().get("message").asString())
          .contains("Failed to create user " + name, "no Unix account named " + name, "create_system_users");
      assertThat(hub.admin("GET", "/users/" + name, null).status()).isEqualTo(404);
    }
  }

  @Test
  void createSystemUsersMakesTheAccountWithAddUserCmdAndTheConfiguredUid() {
    String name = "locacct" + ThrowAwayAccount.randomHex();
    String uid = Integer.toString(freeUid());
    created.add(name);
    try (RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=pam",
        "--LocalAuthenticator.create_system_users=True",
        "--LocalAuthenticator.add_user_cmd=['useradd', '-m', '-c', 'made for USERNAME']",
        "--LocalAuthenticator.uids={'" + name + "': " + uid + "}")) {
      var response = hub.admin("POST", "/users", "{\"usernames\": [\"" + name + "\"]}");
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      assertThat(Shell.ok("id", "-u", name).strip()).isEqualTo(uid);
      assertThat(Shell.ok("getent", "passwd", name)).contains("made for " + name);
      assertThat(hub.admin("GET", "/users/" + name, null).status()).isEqualTo(200);
    }
  }

  @Test
  void aFailingAddUserCmdIsA400NamingTheUserAndTheCommandsOutput() {
    String name = "locacct" + ThrowAwayAccount.randomHex();
    try (RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=pam",
        "--LocalAuthenticator.create_system_users=True",
        "--LocalAuthenticator.add_user_cmd=['sh', '-c', 'echo quota exceeded; exit 9', 'sh']")) {
      var response = hub.admin("POST", "/users/" + name, null);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().get("message").asString())
          .contains("Failed to create user " + name, "exited with 9", "quota exceeded");
      assertThat(hub.admin("GET", "/users/" + name, null).status()).isEqualTo(404);
    }
  }

  private static int freeUid() {
    for (int uid = 30000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000); ; uid++) {
      if (Shell.run("getent", "passwd", Integer.toString(uid)).status() == 2) return uid;
    }
  }
}
