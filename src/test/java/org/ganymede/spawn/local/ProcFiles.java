package org.ganymede.spawn.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads what the kernel says about a process, to check what a spawner really did. */
final class ProcFiles {
  private ProcFiles() {}

  /** The real uid (first field of the {@code Uid:} line of /proc/pid/status). */
  static int realUid(long pid) {
    return Integer.parseInt(statusField(pid, "Uid").split("\\s+")[0]);
  }

  static String statusField(long pid, String name) {
    return read(pid, "status").lines()
        .filter(line -> line.startsWith(name + ":"))
        .map(line -> line.substring(name.length() + 1).strip())
        .findFirst()
        .orElseThrow();
  }

  static Map<String, String> environment(long pid) {
    return Arrays.stream(read(pid, "environ").split("\0"))
        .filter(entry -> entry.contains("="))
        .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')), e -> e.substring(e.indexOf('=') + 1)));
  }

  static List<String> commandLine(long pid) {
    return List.of(read(pid, "cmdline").split("\0"));
  }

  /** The session id (field 6 of /proc/pid/stat). */
  static long sessionId(long pid) {
    String text = read(pid, "stat");
    return Long.parseLong(text.substring(text.lastIndexOf(')') + 2).split(" ")[3]);
  }

  private static String read(long pid, String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
