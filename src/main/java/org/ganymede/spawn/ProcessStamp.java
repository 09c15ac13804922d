package org.ganymede.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as {@code /proc} shows it: pid, state, start time and owner. Pid plus start time name
 * one process for the life of the machine, so a recycled pid is never mistaken for a server.
 * Both spawners use it (the local one for its children, the sudo one for servers of other users).
 *
 * <p>Reading {@code /proc/<pid>/stat} needs no privilege, so a hub that is not root can watch
 * servers running as other users without sudo.
 *
 * @param state field 3 of {@code stat}, one letter; {@code Z} (zombie) and {@code X} (dead) mean ended
 * @param startTicks field 22 of {@code stat}: clock ticks since boot
 * @param uid the owner of {@code /proc/<pid>} (the process's effective uid)
 */
public record ProcessStamp(long pid, char state, long startTicks, int uid) {

  /** The process {@code pid}, or empty when there is none. */
  public static Optional<ProcessStamp> read(long pid) {
    if (pid <= 0) return Optional.empty();
    Path dir = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(dir.resolve("stat"));
      int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return Optional.of(parse(pid, stat, uid));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone, or vanished while being read
    }
  }

  /** Parses a stat line; the command name in parentheses may itself hold spaces and ')'. */
  public static ProcessStamp parse(long pid, String stat, int uid) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after[0] is field 3 (state), so field n is after[n - 3]
    return new ProcessStamp(pid, after[0].charAt(0), Long.parseLong(after[19]), uid);
  }

  public boolean ended() {
    return state == 'Z' || state == 'X';
  }

  /** True while process {@code pid} started at {@code startTicks} still runs. */
  public static boolean isRunning(long pid, long startTicks) {
    return read(pid).filter(p -> p.startTicks() == startTicks && !p.ended()).isPresent();
  }
}
