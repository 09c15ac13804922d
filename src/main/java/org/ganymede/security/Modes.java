package org.ganymede.security;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** POSIX permission bits and the process's user id, for secret file checks. */
final class Modes {
  private Modes() {}

  static int toBits(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission p : permissions) {
      bits |= switch (p) {
        case OWNER_READ -> 0400;
        case OWNER_WRITE -> 0200;
        case OWNER_EXECUTE -> 0100;
        case GROUP_READ -> 040;
        case GROUP_WRITE -> 020;
        case GROUP_EXECUTE -> 010;
        case OTHERS_READ -> 04;
        case OTHERS_WRITE -> 02;
        case OTHERS_EXECUTE -> 01;
      };
    }
    return bits;
  }

  static long processUid() {
    return new UnixSystem().getUid();
  }
}
