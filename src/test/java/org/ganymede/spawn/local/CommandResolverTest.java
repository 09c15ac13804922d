package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ganymede.spawn.SpawnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-user command is resolved to an absolute path and refused when users could replace it. */
class CommandResolverTest {
  @TempDir Path dir;

  private Path script(Path where, String perms) throws Exception {
    Path file = Files.writeString(where.resolve("server"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  @Test
  void aSystemProgramIsResolvedOnPath() {
    assertThat(CommandResolver.resolve("sh", "/usr/bin:/bin")).isAbsolute();
  }

  @Test
  void aProgramWritableByOthersIsRefusedWithTheFix() throws Exception {
    Path file = script(dir, "rwxrwxrwx");
    assertThatThrownBy(() -> CommandResolver.resolve(file.toString(), "/usr/bin"))
        .isInstanceOf(SpawnException.class).hasMessageContaining("writable by everyone")
        .hasMessageContaining("chmod go-w " + file);
  }

  @Test
  void aProgramInAGroupWritableDirectoryIsRefused() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("bin"));
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxrwxr-x"));
    Path file = script(sub, "rwxr-xr-x");
    assertThatThrownBy(() -> CommandResolver.resolve(file.toString(), "/usr/bin"))
        .hasMessageContaining(sub + " is writable by its group");
  }

  @Test
  void aWritablePathDirectoryBeforeTheProgramIsRefused() throws Exception {
    Path planted = Files.createDirectory(dir.resolve("planted"));
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> CommandResolver.resolve("sh", planted + ":/usr/bin:/bin"))
        .hasMessageContaining("PATH directory " + planted).hasMessageContaining("remove it from PATH");
  }

  @Test
  void aPrivateProgramOfTheHubItselfIsAccepted() throws Exception {
    Path file = script(dir, "rwxr-xr-x");
    assertThat(CommandResolver.resolve(file.toString(), "/usr/bin")).isEqualTo(file);
  }
}
