package org.ganymede.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir Path dir;

  @Test
  void returnsTheLastLinesInOrder() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\nfour\n");

    assertThat(LogTail.read(log, 2)).containsExactly("three", "four");
    assertThat(LogTail.read(log, 20)).containsExactly("one", "two", "three", "four");
  }

  @Test
  void keepsALastLineWithoutNewline() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "one\r\ntwo");

    assertThat(LogTail.read(log, 5)).containsExactly("one", "two");
  }

  @Test
  void readsOnlyTheEndOfAHugeLogAndDropsThePartialFirstLine() throws Exception {
    String text = IntStream.range(0, 100_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    Path log = Files.writeString(dir.resolve("big.log"), text + "\n");

    assertThat(LogTail.read(log, 3)).containsExactly("line 99997", "line 99998", "line 99999");
    assertThat(LogTail.read(log, 1_000_000)).first().asString().startsWith("line ").doesNotContain("\n");
    assertThat(LogTail.read(log, 1_000_000).size()).isLessThan(LogTail.MAX_BYTES / 5);
  }

  @Test
  void missingOrEmptyFileGivesNoLines() throws Exception {
    assertThat(LogTail.read(dir.resolve("none.log"), 20)).isEmpty();
    assertThat(LogTail.read(Files.createFile(dir.resolve("empty.log")), 20)).isEmpty();
  }
}
