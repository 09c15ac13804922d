package org.ganymede.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as {@code /proc} shows it: pid, start time and owner. Pid plus start time name one
 * process for the life of the machine, so a recycled pid is never mistaken for a server.
 *
 * <p>Reading {@code /proc/<pid>/stat} needs no privilege, so a hub that is not root can watch
 * servers running as other users without sudo.
 *
 * @param startTicks field 22 of {@code stat}: clock ticks since boot
 * @param uid the owner of {@code /proc/<pid>} (the process's effective uid)
 * @param ended zombie or dead ({@code Z}/{@code X})
 */
public record ProcessStamp(long pid, long startTicks, int uid, boolean ended) {

  /** The process {@code pid}, or empty when there is none. */
  public static Optional<ProcessStamp> read(long pid) {
    if (pid <= 0) return Optional.empty();
    Path dir = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(dir.resolve("stat"));
      int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      // after[0] is field 3 (state), so field n is after[n - 3]
      char state = after[0].charAt(0);
      return Optional.of(new ProcessStamp(pid, Long.parseLong(after[19]), uid, state == 'Z' || state == 'X'));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone, or vanished while being read
    }
  }

  /** True while process {@code pid} started at {@code startTicks} still runs. */
  public static boolean isRunning(long pid, long startTicks) {
    return read(pid).filter(p -> p.startTicks() == startTicks && !p.ended()).isPresent();
  }
}
