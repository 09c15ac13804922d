package org.ganymede.spawn.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The helper's --mkhomedir, as root: a member's missing home, and nobody else's. */
@Tag("root")
class HomeMakerTest {
  private final List<String> accounts = new ArrayList<>();
  private String group;

  @BeforeEach
  void needsRoot() {
    assumeTrue(Shell.isRoot(), "needs root: makes accounts, a group and homes");
    group = "hmgroup" + ThrowAwayAccount.randomHex();
    Shell.ok("groupadd", group);
  }

  @AfterEach
  void cleanUp() {
    for (String a : accounts) Shell.run("userdel", "-r", a);
    if (group != null) Shell.run("groupdel", group);
  }

  String account(boolean member) {
    String name = "hmacct" + ThrowAwayAccount.randomHex();
    if (member) Shell.ok("useradd", "-M", "-d", "/home/" + name, "-G", group, name);
    else Shell.ok("useradd", "-M", "-d", "/home/" + name, name);
    accounts.add(name);
    return name;
  }

  String ask(String user) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SpawnHelper.makeHome(group, new ByteArrayInputStream(("{\"action\":\"mkhomedir\",\"user\":\"" + user + "\"}")
        .getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMemberWithoutAHomeGetsOneOwnedByThem() throws Exception {
    String name = account(true);
    assertThat(ask(name)).contains("\"created\":true").contains("/home/" + name);
    Path home = Path.of("/home/" + name);
    assertThat(Files.getAttribute(home, "unix:uid").toString()).isEqualTo(Shell.ok("id", "-u", name).strip());
    assertThat(ask(name)).as("a second time: nothing to do").contains("\"created\":false");
  }

  @Test
  void nonMembersRootAndSystemAccountsAreRefused() {
    String outsider = account(false);
    assertThat(ask(outsider)).contains("\"error\"").contains("not a member of " + group);
    assertThat(Path.of("/home/" + outsider)).doesNotExist();
    Shell.ok("usermod", "-aG", group, "daemon");
    try {
      assertThat(ask("daemon")).contains("\"error\"").contains("system account");
    } finally {
      Shell.run("gpasswd", "-d", "daemon", group);
    }
    assertThat(ask("root")).contains("\"error\"").contains("root");
    assertThat(ask("../etc")).contains("\"error\"").contains("not an account name");
  }
}
