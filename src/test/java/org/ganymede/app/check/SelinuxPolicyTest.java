package org.ganymede.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ganymede.app.check.SelinuxPolicy.Mode;
import org.ganymede.app.check.SelinuxPolicy.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one SELinux judgement: enforcing where present, and then with module ganymede loaded. */
class SelinuxPolicyTest {
  static final List<String> LOAD = List.of("checkmodule -M -m -o x.mod x.te", "semodule -i x.pp");

  @TempDir Path dir;

  @Test
  void noSelinuxOrSelinuxDisabledPasses() {
    assertThat(SelinuxPolicy.judge(Mode.ABSENT, Module.NOT_CHECKED, LOAD))
        .isEqualTo(Finding.pass("selinux", "SELinux is not present on this host."));
    assertThat(SelinuxPolicy.judge(Mode.DISABLED, Module.NOT_CHECKED, LOAD).status()).isEqualTo(Status.PASS);
  }

  @Test
  void enforcingWithTheModuleLoadedOrNotCheckedPasses() {
    assertThat(SelinuxPolicy.judge(Mode.ENFORCING, Module.LOADED, LOAD).why()).isEqualTo("SELinux is enforcing, module ganymede loaded.");
    assertThat(SelinuxPolicy.judge(Mode.ENFORCING, Module.NOT_CHECKED, List.of()).status()).isEqualTo(Status.PASS);
  }

  @Test
  void enforcingWithoutTheModuleFailsWithTheCommandsThatLoadIt() {
    Finding f = SelinuxPolicy.judge(Mode.ENFORCING, Module.MISSING, LOAD);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("module ganymede is not loaded");
    assertThat(f.fix()).isEqualTo("checkmodule -M -m -o x.mod x.te && semodule -i x.pp");
  }

  @Test
  void permissiveWarnsAndSaysToLoadTheModuleFirstWhenItIsMissing() {
    Finding checkedElsewhere = SelinuxPolicy.judge(Mode.PERMISSIVE, Module.NOT_CHECKED, List.of());
    assertThat(checkedElsewhere.status()).isEqualTo(Status.WARN);
    assertThat(checkedElsewhere.fix()).isEqualTo("setenforce 1 and set SELINUX=enforcing in /etc/selinux/config.");
    assertThat(SelinuxPolicy.judge(Mode.PERMISSIVE, Module.MISSING, LOAD).fix())
        .startsWith("load module ganymede (checkmodule -M -m -o x.mod x.te && semodule -i x.pp), then setenforce 1");
  }

  @Test
  void theKernelsEnforceFileGivesTheMode() throws Exception {
    Path file = dir.resolve("enforce");
    assertThat(SelinuxPolicy.fromEnforceFile(file)).isEqualTo(Mode.ABSENT);
    Files.writeString(file, "1");
    assertThat(SelinuxPolicy.fromEnforceFile(file)).isEqualTo(Mode.ENFORCING);
    Files.writeString(file, "0\n");
    assertThat(SelinuxPolicy.fromEnforceFile(file)).isEqualTo(Mode.PERMISSIVE);
  }
}
