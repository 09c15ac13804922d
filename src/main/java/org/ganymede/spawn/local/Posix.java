package org.ganymede.spawn.local;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The two C calls the JDK does not offer: signalling a process group and the effective uid. */
final class Posix {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  private static final int ESRCH = 3;

  private interface LibC extends Library {
    int kill(int pid, int signal) throws LastErrorException;

    int geteuid();
  }

  private static final LibC LIBC = Native.load("c", LibC.class);

  private Posix() {}

  /** Sends {@code signal} to every process in group {@code pgid}; false when the group is gone. */
  static boolean signalGroup(int pgid, int signal) {
    try {
      LIBC.kill(-pgid, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ESRCH) return false;
      throw new IllegalStateException("kill(-" + pgid + ", " + signal + ") failed: errno " + e.getErrorCode(), e);
    }
  }

  /** Sends {@code signal} to one process; false when it is gone. */
  static boolean signalProcess(int pid, int signal) {
    try {
      LIBC.kill(pid, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ESRCH) return false;
      throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: errno " + e.getErrorCode(), e);
    }
  }

  static int effectiveUid() {
    return LIBC.geteuid();
  }
}
