package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.SpawnRequest;
import org.ganymede.spawn.ServerLaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which account a server runs as, as root: real accounts (www-data, throw-away ones), real adduser. */
@Tag("root")
class SystemAccountsTest {
  private static final SystemAccounts.Settings DEFAULTS = SystemAccounts.Settings.defaults();
  private final List<String> created = new ArrayList<>();
  @TempDir Path logs;

  @BeforeEach
  void needsRoot() {
    assumeTrue(Posix.effectiveUid() == 0, "needs root: creates Unix accounts and switches to them");
  }

  @AfterEach
  void removeCreatedAccounts() {
    for (String name : created) Shell.run("userdel", "-r", name);
  }

  @Test
  void aServerAsASystemAccountIsRefusedNamingTheUidAndTheSettingThatAllowsIt() {
    LocalProcessSpawner spawner = LocalProcessSpawner.create(Map.of("PATH", "/usr/bin:/bin"));
    assertThatThrownBy(() -> spawner.start(request("www-data")))
        .isInstanceOf(SpawnException.class)
        .hasMessageContaining("system account www-data (uid 33")
        .hasMessageContaining("UID_MIN 1000")
        .hasMessageContaining("LocalProcessSpawner.allowed_system_users");
  }

  @Test
  void anAllowedSystemAccountMayRunAServerButRootNever() {
    SystemAccounts allowing = new SystemAccounts(DEFAULTS.withAllowedSystemUsers(Set.of("www-data", "root")));
    assertThat(allowing.forServer("www-data", "www-data's server").uid()).isEqualTo(33);
    assertThatThrownBy(() -> allowing.forServer("root", "root's server")).hasMessageContaining("as root");
  }

  @Test
  void anOrdinaryAccountRunsItsServer() {
    try (ThrowAwayAccount account = ThrowAwayAccount.create("sysacct")) {
      assertThat(new SystemAccounts(DEFAULTS).forServer(account.name, "server").name()).isEqualTo(account.name);
    }
  }

  @Test
  void aMissingAccountIsCreatedWithAddUserCmdUnderTheTemplatesNameAndTheConfiguredUid() {
    String hubName = "sysacct" + ThrowAwayAccount.randomHex();
    int uid = freeUid();
    created.add("jupyter-" + hubName);
    SystemAccounts accounts = new SystemAccounts(DEFAULTS.withUsernameTemplate("jupyter-{USERNAME}")
        .withCreation(true, SystemAccounts.ADD_USER_CMD, Map.of(hubName, uid)));

    UnixAccount account = accounts.forServer(hubName, "server");

    assertThat(account.name()).isEqualTo("jupyter-" + hubName);
    assertThat(account.uid()).isEqualTo(uid);
    assertThat(account.home()).isDirectory();
    assertThat(accounts.forServer(hubName, "server").uid()).as("found, not created twice").isEqualTo(uid);
  }

  @Test
  void usernameInAddUserCmdIsReplacedByTheAccountName() {
    String hubName = "sysacct" + ThrowAwayAccount.randomHex();
    created.add(hubName);
    SystemAccounts accounts = new SystemAccounts(DEFAULTS.withCreation(true,
        List.of("useradd", "-m", "-d", "/home/USERNAME-home"), Map.of()));
    accounts.ensureExists(hubName);
    assertThat(UnixAccount.lookup(hubName).orElseThrow().home()).isEqualTo(Path.of("/home/" + hubName + "-home"));
  }

  @Test
  void aMissingAccountWithoutCreationNamesTheAccountAndTheSetting() {
    String hubName = "sysacct" + ThrowAwayAccount.randomHex();
    assertThatThrownBy(() -> new SystemAccounts(DEFAULTS).ensureExists(hubName))
        .hasMessageContaining("no Unix account named " + hubName)
        .hasMessageContaining("create_system_users");
  }

  @Test
  void aFailingAddUserCmdNamesTheAccountTheCommandAndItsOutput() {
    String hubName = "sysacct" + ThrowAwayAccount.randomHex();
    SystemAccounts accounts = new SystemAccounts(DEFAULTS.withCreation(true,
        List.of("sh", "-c", "echo no space left >&2; exit 3", "sh"), Map.of()));
    assertThatThrownBy(() -> accounts.ensureExists(hubName))
        .hasMessageContaining("failed to create Unix account " + hubName)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("no space left");
  }

  @Test
  void theUidRangeComesFromLoginDefs() throws Exception {
    Path defs = logs.resolve("login.defs");
    Files.writeString(defs, "# comment\nUID_MIN\t\t\t 2000\nUID_MAX 3000\nSYS_UID_MIN 100\n");
    SystemAccounts.UidRange range = SystemAccounts.UidRange.fromLoginDefs(defs);
    assertThat(range.min()).isEqualTo(2000);
    assertThat(range.max()).isEqualTo(3000);
    assertThat(SystemAccounts.UidRange.fromLoginDefs(logs.resolve("missing")).min()).isEqualTo(1000);
  }

  private SpawnRequest request(String user) {
    return new SpawnRequest(new UserName(user), ServerName.DEFAULT, Map.of(), "/user/" + user + "/",
        ServerLaunch.defaults(), logs.resolve(user + ".log"), progress -> {});
  }

  private static int freeUid() {
    for (int uid = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000); ; uid++) {
      if (Shell.run("getent", "passwd", Integer.toString(uid)).status() == 2) return uid;
    }
  }
}
