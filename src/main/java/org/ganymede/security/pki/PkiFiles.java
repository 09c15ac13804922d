package org.ganymede.security.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes key and certificate files: through a temporary file created with the final mode and an
 * atomic rename, so a key is never readable by others, not even for an instant, and a restarted
 * hub never reads half a certificate.
 */
final class PkiFiles {
  private PkiFiles() {}

  static void writePrivate(Path file, String text) {
    write(file, text, "rw-------");
  }

  static void writePublic(Path file, String text) {
    write(file, text, "rw-r--r--");
  }

  static void privateDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new PkiException("cannot create directory " + dir + " (mode 700): " + e
          + "; create it owned by the hub's user or choose another location", e);
    }
  }

  /** Gives the file to a Unix account (when the hub runs as root and serves another user). */
  static void chown(Path file, int uid, int gid) {
    try {
      Files.setAttribute(file, "unix:uid", uid);
      Files.setAttribute(file, "unix:gid", gid);
    } catch (IOException e) {
      throw new PkiException("cannot give " + file + " to uid " + uid + ": " + e
          + "; the hub must run as root to hand certificates to other users", e);
    }
  }

  private static void write(Path file, String text, String mode) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new PkiException("cannot write " + file + ": " + e + "; check that " + dir
          + " exists and is writable by the hub's user", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temp file in the hub's private directory harms nobody
        }
      }
    }
  }
}
