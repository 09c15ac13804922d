package org.ganymede.spawn.sudo;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;
import java.util.Optional;
import org.ganymede.spawn.ProcessStamp;

/**
 * The helper's {@code signal} action: only the invoking user's own process, only if its start time
 * matches (the pid was not recycled), and to its whole process group (the server leads its session).
 */
final class Signals {
  private static final int ESRCH = 3;

  private interface LibC extends Library {
    int kill(int pid, int signal) throws LastErrorException;
  }

  private static final LibC LIBC = Native.load("c", LibC.class);

  private Signals() {}

  static Map<String, Object> send(UserSelf self, SignalOrder order) {
    Optional<ProcessStamp> found = ProcessStamp.read(order.pid());
    if (found.isEmpty() || found.get().ended()) return Map.of("alive", false);
    ProcessStamp process = found.get();
    if (process.uid() != self.uid()) {
      throw new HelperException("pid " + order.pid() + " does not belong to user " + self.name() + "; refused");
    }
    if (process.startTicks() != order.startTime()) {
      throw new HelperException("pid " + order.pid() + " started at " + process.startTicks() + ", not "
          + order.startTime() + ": it is another process now; refused");
    }
    int pid = Math.toIntExact(order.pid());
    try {
      LIBC.kill(-pid, order.signal());
    } catch (LastErrorException e) {
      if (e.getErrorCode() != ESRCH) throw new HelperException("kill failed: errno " + e.getErrorCode());
      try {
        LIBC.kill(pid, order.signal()); // not a group leader after all
      } catch (LastErrorException again) {
        return Map.of("alive", false);
      }
    }
    return Map.of("alive", true);
  }
}
