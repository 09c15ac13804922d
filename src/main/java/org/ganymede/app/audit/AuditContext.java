package org.ganymede.app.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import org.ganymede.config.HubConfig;

/** The configuration under audit, the directory it is relative to, and the host. */
record AuditContext(HubConfig config, Path workDir, HostFacts host) {
  Path resolve(String file) {
    return workDir.resolve(file);
  }

  /** The file's mode bits, or empty when it does not exist. */
  static Optional<Integer> mode(Path file) {
    try {
      if (!Files.exists(file)) return Optional.empty();
      int bits = 0;
      for (PosixFilePermission p : Files.getPosixFilePermissions(file)) bits |= 1 << (8 - p.ordinal());
      return Optional.of(bits);
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  static String octal(int mode) {
    return String.format("%04o", mode);
  }

  static boolean groupOrOtherCanRead(Path file) {
    return mode(file).map(m -> (m & 0044) != 0).orElse(false);
  }

  static boolean writableByOthers(Path file) {
    return mode(file).map(m -> (m & 0022) != 0).orElse(false);
  }
}
