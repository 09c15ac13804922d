package org.ganymede.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group file reader audit uses on fixtures (doctor and setup ask id and getent). */
class HostTest {
  @TempDir Path dir;

  @Test
  void groupFileMembersAreTheNamedGroupsFourthField() throws Exception {
    Path group = Files.writeString(dir.resolve("group"), "shadowers:x:7:eve\nshadow:x:42:ganymede, alice\nempty:x:9:\n");
    assertThat(Host.groupFileMembers(group, "shadow")).containsExactly("ganymede", "alice");
    assertThat(Host.groupFileMembers(group, "empty")).isEmpty();
    assertThat(Host.groupFileMembers(group, "missing")).isEmpty();
  }
}
