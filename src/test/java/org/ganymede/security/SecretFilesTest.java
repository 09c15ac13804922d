package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path dir;

  private Path fileWithMode(String name, String content, String mode) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void createdFileIsOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("proxy_auth_token");
    assertThat(SecretFiles.create(file, "s3cret\n", "ConfigurableHTTPProxy.auth_token")).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void createNeverReplacesAnExistingFile() throws IOException {
    Path file = fileWithMode("token", "first", "rw-------");
    assertThat(SecretFiles.create(file, "second", "x")).isFalse();
    assertThat(Files.readString(file)).isEqualTo("first");
    assertThat(SecretFiles.readOrCreate(file, () -> "third", "x")).isEqualTo("first");
  }

  @Test
  void ownerOnlyFileIsAccepted() throws IOException {
    assertThat(SecretFiles.read(fileWithMode("ok", "abc", "rw-------"), "x")).isEqualTo("abc");
    assertThat(SecretFiles.read(fileWithMode("ro", "abc", "r--------"), "x")).isEqualTo("abc");
  }

  @Test
  void groupOrWorldReadableFileIsRefusedWithTheFix() throws IOException {
    Path world = fileWithMode("world", "abc", "rw-r--r--");
    assertThatThrownBy(() -> SecretFiles.read(world, "JupyterHub.cookie_secret_file"))
        .isInstanceOf(SecurityConfigException.class)
        .hasMessageContaining("JupyterHub.cookie_secret_file " + world)
        .hasMessageContaining("mode 0644")
        .hasMessageContaining("chmod 600 " + world)
        .hasMessageNotContaining("abc");
    Path group = fileWithMode("group", "abc", "rw-r-----");
    assertThatThrownBy(() -> SecretFiles.read(group, "x")).hasMessageContaining("mode 0640");
    Path groupWrite = fileWithMode("gw", "abc", "rw--w----");
    assertThatThrownBy(() -> SecretFiles.read(groupWrite, "x")).hasMessageContaining("mode 0620");
  }

  @Test
  void fileOwnedByAnotherUserIsRefused() throws IOException {
    assumeTrue(Modes.processUid() == 0, "only root can give a file away");
    Path file = fileWithMode("theirs", "abc", "rw-------");
    Files.setAttribute(file, "unix:uid", 65534);
    assertThatThrownBy(() -> SecretFiles.read(file, "x"))
        .hasMessageContaining("owned by uid 65534")
        .hasMessageContaining("chown 0 " + file);
  }

  @Test
  void missingDirectoryIsNamed() {
    Path file = dir.resolve("no/such/dir/secret");
    assertThatThrownBy(() -> SecretFiles.create(file, "x", "JupyterHub.cookie_secret_file"))
        .hasMessageContaining("directory " + dir.resolve("no/such/dir") + " does not exist");
  }

  @Test
  void directoryIsNotASecretFile() {
    assertThatThrownBy(() -> SecretFiles.read(dir, "x")).hasMessageContaining("not a regular file");
  }
}
