package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} a spawner needs.
 *
 * @param state one letter; {@code Z} (zombie) and {@code X} (dead) mean the server has ended
 * @param processGroup field 5
 * @param startTicks field 22: start time in clock ticks since boot; with the pid it names one
 *     process for the life of the machine
 */
record ProcStat(long pid, char state, long processGroup, long startTicks) {

  static Optional<ProcStat> read(long pid) {
    if (pid <= 0) return Optional.empty();
    String text;
    try {
      text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return Optional.empty(); // no such process
    }
    return Optional.of(parse(pid, text));
  }

  /** Parses a stat line; the command name in parentheses may itself hold spaces and ')'. */
  static ProcStat parse(long pid, String text) {
    String[] after = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    // after[0] is field 3 (state), so field n is after[n - 3]
    return new ProcStat(pid, after[0].charAt(0), Long.parseLong(after[2]), Long.parseLong(after[19]));
  }

  boolean ended() {
    return state == 'Z' || state == 'X';
  }
}
