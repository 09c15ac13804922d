package org.ganymede.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one host reader: commands within a time limit, the group file, owners and modes. */
class HostTest {
  @TempDir Path dir;

  @Test
  void aCommandGetsItsInputAndGivesItsOutputAndStatus() {
    assertThat(Host.run(List.of("cat"), "hello\n")).isEqualTo(new Host.Run(0, "hello"));
    assertThat(Host.run(List.of("sh", "-c", "echo no >&2; exit 3")).status()).isEqualTo(3);
    assertThat(Host.run(List.of(dir.resolve("missing").toString())).status()).isEqualTo(127);
  }

  @Test
  void aCommandPastItsLimitIsKilledWith124() {
    long start = System.nanoTime();
    Host.Run r = Host.run(List.of("sleep", "30"), "", Duration.ofMillis(300));
    assertThat(r.status()).isEqualTo(124);
    assertThat(r.out()).isEqualTo("sleep 30 did not finish within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void groupFileMembersAreTheNamedGroupsFourthField() throws Exception {
    Path group = Files.writeString(dir.resolve("group"), "shadowers:x:7:eve\nshadow:x:42:ganymede, alice\nempty:x:9:\n");
    assertThat(Host.groupFileMembers(group, "shadow")).containsExactly("ganymede", "alice");
    assertThat(Host.groupFileMembers(group, "empty")).isEmpty();
    assertThat(Host.groupFileMembers(group, "missing")).isEmpty();
  }

  @Test
  void aStickyDirectoryIsNotWritableByOthersButAStickyFileIs() throws Exception {
    Path sticky = Files.createDirectory(dir.resolve("tmp"));
    Files.setAttribute(sticky, "unix:mode", 01777);
    assertThat(Host.attrs(sticky).orElseThrow().writableByOthers()).isFalse();
    Path file = Files.writeString(dir.resolve("f"), "");
    Files.setAttribute(file, "unix:mode", 01666);
    assertThat(Host.attrs(file).orElseThrow().writableByOthers()).isTrue();
    assertThat(Host.attrs(file).orElseThrow().modeText()).isEqualTo("1666");
  }

  @Test
  void targetAttrsFollowLinksAndAttrsDoNot() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), "");
    Files.setAttribute(key, "unix:mode", 0644);
    Path link = Files.createSymbolicLink(dir.resolve("privkey.pem"), key);
    assertThat(Host.targetAttrs(link).orElseThrow().readableByOthers()).isTrue();
    assertThat(Host.attrs(link).orElseThrow().mode()).isEqualTo(0777);
    assertThat(Host.targetAttrs(dir.resolve("missing"))).isEmpty();
  }
}
