package org.ganymede.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one sudo-grant judgement, and the two ways of reading a grant it is given (file and sudo -l). */
class SudoGrantTest {
  static final Path HELPER = Path.of("/usr/local/lib/ganymede/spawn-helper");
  static final SudoGrant HUB_SPAWNS_THROUGH_SUDO = new SudoGrant("ganymede", "ganymede-users", HELPER, true);
  static final SudoGrant HUB_SPAWNS_LOCALLY = new SudoGrant("ganymede", "ganymede-users", HELPER, false);

  @Test
  void aGrantOfTheHelperWithFixedArgumentsPasses() {
    Finding f = HUB_SPAWNS_THROUGH_SUDO.judge("sudo -l -U ganymede", List.of(HELPER + " \"\"", HELPER + " --check"));
    assertThat(f).isEqualTo(Finding.pass("sudo-grant", "sudo -l -U ganymede grants ganymede only " + HELPER + "."));
  }

  @Test
  void anythingBesidesTheHelperFailsAndIsNamed() {
    Finding f = HUB_SPAWNS_THROUGH_SUDO.judge("/etc/sudoers.d/ganymede", List.of(HELPER + " --check", "/bin/bash", "ALL"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).isEqualTo("/etc/sudoers.d/ganymede grants more than the helper: /bin/bash, ALL.");
    assertThat(f.fix()).startsWith("reduce it to: ganymede ALL=(%ganymede-users) NOPASSWD: " + HELPER + " \"\"");
  }

  @Test
  void theHelperWithAWildcardFails() {
    assertThat(HUB_SPAWNS_THROUGH_SUDO.judge("f", List.of(HELPER + " *")).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void anotherProgramWhoseNameStartsLikeTheHelperFails() {
    assertThat(HUB_SPAWNS_THROUGH_SUDO.judge("f", List.of(HELPER + "-evil")).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void noGrantFailsWhenTheHubSpawnsThroughSudoAndPassesOtherwise() {
    Finding needed = HUB_SPAWNS_THROUGH_SUDO.judge("sudo -l -U ganymede", List.of());
    assertThat(needed.status()).isEqualTo(Status.FAIL);
    assertThat(needed.why()).isEqualTo("ganymede may run nothing through sudo (sudo -l -U ganymede), so no server can start.");
    assertThat(HUB_SPAWNS_LOCALLY.judge("/etc/sudoers.d/ganymede", List.of()))
        .isEqualTo(Finding.pass("sudo-grant", "ganymede has no sudo grant (/etc/sudoers.d/ganymede)."));
  }

  @Test
  void aWideGrantFailsEvenWhenTheHubDoesNotSpawnThroughSudo() {
    assertThat(HUB_SPAWNS_LOCALLY.judge("f", List.of("ALL")).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void theSudoersFileGivesEachCommandWithoutTagsCommentsOrDefaults() {
    List<String> granted = SudoGrant.fromSudoers(List.of("# written by ganymede setup",
        "Defaults:ganymede !requiretty, !log_input, !log_output",
        "ganymede ALL=(%ganymede-users) NOPASSWD: " + HELPER + " \"\", " + HELPER + " --check", ""));
    assertThat(granted).containsExactly(HELPER + " \"\"", HELPER + " --check");
  }

  @Test
  void sudoListingGivesEachCommandAfterItsHeading() {
    String output = """
        Matching Defaults entries for ganymede on host:
            env_reset, mail_badpass, secure_path=/usr/sbin\\:/usr/bin

        Runas and Command-specific defaults for ganymede:
            Defaults:ganymede !requiretty

        User ganymede may run the following commands on host:
            (%ganymede-users) NOPASSWD: /usr/local/lib/ganymede/spawn-helper "", /usr/local/lib/ganymede/spawn-helper --check
            (root) ALL
        """;
    assertThat(SudoGrant.fromSudoList(output)).containsExactly(HELPER + " \"\"", HELPER + " --check", "ALL");
    assertThat(SudoGrant.fromSudoList("User ganymede is not allowed to run sudo on host.")).isEmpty();
  }
}
