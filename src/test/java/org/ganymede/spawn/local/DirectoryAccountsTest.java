package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.ganymede.spawn.SpawnException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory users as root: the account named by a directory (not the template), still under the
 * root/UID_MIN guard, and a home created on first spawn (pam_mkhomedir) with the right owner and mode.
 */
@Tag("root")
class DirectoryAccountsTest {
  private final List<String> created = new ArrayList<>();
  @TempDir Path skel;

  @BeforeEach
  void needsRoot() {
    assumeTrue(Posix.effectiveUid() == 0, "needs root: creates Unix accounts and homes");
  }

  @AfterEach
  void removeAccounts() {
    for (String name : created) Shell.run("userdel", "-r", name);
  }

  /** An account whose home does not exist yet, as a directory user's on a fresh machine. */
  String accountWithoutHome(String home) {
    String name = "diracct" + ThrowAwayAccount.randomHex();
    Shell.ok("useradd", "-M", "-d", home, "-s", "/bin/bash", name);
    created.add(name);
    return name;
  }

  SystemAccounts.Settings withHomes(int mode) {
    return SystemAccounts.Settings.defaults().withHomeLayout(new HomeDirectories.Layout(mode, skel));
  }

  @Test
  void aMissingHomeIsCreatedOwnedByTheAccountWithTheModeAndTheSkeleton() throws Exception {
    Files.writeString(skel.resolve(".bashrc"), "# skel\n");
    Files.createDirectory(skel.resolve(".config"));
    Files.createSymbolicLink(skel.resolve("shadow-link"), Path.of("/etc/shadow"));
    String home = "/home/diracct-home-" + ThrowAwayAccount.randomHex();
    String name = accountWithoutHome(home);
    SystemAccounts accounts = new SystemAccounts(withHomes(0750));
    UnixAccount account = accounts.forServer(name, name + "'s server");
    Path h = Path.of(home);
    assertThat(Files.getAttribute(h, "unix:uid")).isEqualTo(account.uid());
    assertThat(Files.getAttribute(h, "unix:gid")).isEqualTo(account.gid());
    assertThat((Integer) Files.getAttribute(h, "unix:mode") & 07777).isEqualTo(0750);
    assertThat(Files.readString(h.resolve(".bashrc"))).isEqualTo("# skel\n");
    assertThat(Files.getAttribute(h.resolve(".bashrc"), "unix:uid")).isEqualTo(account.uid());
    assertThat(Files.getAttribute(h.resolve(".config"), "unix:uid")).isEqualTo(account.uid());
    assertThat(Files.isSymbolicLink(h.resolve("shadow-link"))).as("links are copied as links").isTrue();
    assertThat(Files.getAttribute(h.resolve("shadow-link"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(account.uid());
    assertThat(Files.getAttribute(Path.of("/etc/shadow"), "unix:uid")).as("the link's target untouched").isEqualTo(0);
    // A second spawn finds it and leaves it as it is.
    Files.writeString(h.resolve("work.ipynb"), "{}");
    accounts.forServer(name, name + "'s server");
    assertThat(h.resolve("work.ipynb")).exists();
  }

  @Test
  void theHomeModeFollowsLoginDefs(@TempDir Path etc) throws Exception {
    Files.writeString(etc.resolve("login.defs"), "UMASK\t027\n");
    assertThat(HomeDirectories.Layout.fromLoginDefs(etc.resolve("login.defs"), skel).mode()).isEqualTo(0750);
    Files.writeString(etc.resolve("login.defs"), "UMASK\t022\nHOME_MODE\t0700\n");
    assertThat(HomeDirectories.Layout.fromLoginDefs(etc.resolve("login.defs"), skel).mode()).isEqualTo(0700);
  }

  @Test
  void noHomeIsMadeUnderADirectoryOthersCanWrite(@TempDir Path base) throws Exception {
    Path open = Files.createDirectory(base.resolve("open"));
    Files.setAttribute(open, "unix:mode", 01777);
    String name = accountWithoutHome(open.resolve("home").toString());
    assertThatThrownBy(() -> new SystemAccounts(withHomes(0700)).forServer(name, "server"))
        .isInstanceOf(SpawnException.class).hasMessageContaining("writable only by root");
    assertThat(open.resolve("home")).doesNotExist();
  }

  @Test
  void theDirectoryNamesTheAccountAndRootOrSystemAccountsAreStillRefused() {
    try (ThrowAwayAccount real = ThrowAwayAccount.create("diracct")) {
      SystemAccounts.Settings s = withHomes(0700);
      SystemAccounts byDirectory = new SystemAccounts(s, Optional.of(hub -> hub.equals("carol@corp") ? real.name
          : hub.equals("eve@corp") ? "root" : hub.equals("mallory@corp") ? "nobody" : "../etc"));
      assertThat(byDirectory.forServer("carol@corp", "server").name()).isEqualTo(real.name);
      assertThatThrownBy(() -> byDirectory.forServer("eve@corp", "server")).hasMessageContaining("as root");
      assertThatThrownBy(() -> byDirectory.forServer("mallory@corp", "server"))
          .hasMessageContaining("system account nobody");
      assertThat(Path.of("/nonexistent")).as("no home for a refused system account").doesNotExist();
      assertThatThrownBy(() -> byDirectory.forServer("x@corp", "server")).isInstanceOf(SpawnException.class)
          .hasMessageContaining("maps to Unix account '../etc'").hasMessageContaining("'/'");
      SystemAccounts failing = new SystemAccounts(s, Optional.of(hub -> {
        throw new IllegalStateException("the directory has 0 entries with uid=" + hub);
      }));
      assertThatThrownBy(() -> failing.forServer("zed", "server")).isInstanceOf(SpawnException.class)
          .hasMessageContaining("cannot tell which Unix account user zed runs as").hasMessageContaining("0 entries");
    }
  }
}
