package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.ganymede.spawn.SpawnException;

/**
 * Creates the files a server owns — its log and its runtime directory — safely in shared places.
 *
 * <p>In {@code /tmp} another local user may have planted a link or directory first, so nothing here
 * follows links, and an existing runtime directory is used only if it already belongs to the
 * server's account and is private.
 */
final class PrivatePaths {
  private PrivatePaths() {}

  /** Creates an empty log file, mode 0600, owned by {@code account} when {@code chown}. */
  static void createLog(Path file, UnixAccount account, boolean chown) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file); // a link planted here is removed, not followed
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      if (chown) setOwner(file, account);
    } catch (IOException e) {
      throw new SpawnException("cannot create server log " + file + ": " + e, e);
    }
  }

  /** Creates (or checks) a directory, mode 0700, owned by {@code account}. */
  static void createPrivateDirectory(Path dir, UnixAccount account, boolean chown) {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (chown) setOwner(dir, account);
    } catch (FileAlreadyExistsException e) {
      // checked below
    } catch (IOException e) {
      throw new SpawnException("cannot create runtime directory " + dir + ": " + e, e);
    }
    checkPrivate(dir, account);
  }

  private static void checkPrivate(Path dir, UnixAccount account) {
    try {
      Map<String, Object> attrs = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) attrs.get("mode");
      boolean isDirectory = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
      if (!isDirectory || (Integer) attrs.get("uid") != account.uid() || (mode & 0077) != 0) {
        throw new SpawnException(
            "runtime directory " + dir + " exists but is not a private directory of " + account.name()
                + " (uid " + attrs.get("uid") + ", mode " + Integer.toOctalString(mode & 07777)
                + "); remove it");
      }
    } catch (IOException e) {
      throw new SpawnException("cannot check runtime directory " + dir + ": " + e, e);
    }
  }

  private static void setOwner(Path path, UnixAccount account) throws IOException {
    Files.setAttribute(path, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
  }
}
