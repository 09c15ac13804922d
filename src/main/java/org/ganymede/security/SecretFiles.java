package org.ganymede.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files that hold secrets (the cookie secret, the proxy auth token): created with mode 0600
 * through a temporary file and an atomic link, so no other user can read them even for an
 * instant and no reader sees half a file; read only when owned by this process's user and closed
 * to group and others. Messages name the file and the fix, never the contents.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** Secret files are small; a larger one is a misconfiguration, not a secret. */
  private static final long MAX_SIZE = 64 * 1024;

  private SecretFiles() {}

  /**
   * The text of an existing secret file, after checking its owner and mode.
   *
   * @param setting what the file is for, named in messages (e.g. {@code JupyterHub.cookie_secret_file})
   */
  public static String read(Path file, String setting) {
    checkSafe(file, setting);
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw new SecurityConfigException(setting + " " + file + " is larger than 64 KiB; it should"
            + " hold one secret, e.g. the output of: openssl rand -hex 32 > " + file);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (AccessDeniedException e) {
      throw new SecurityConfigException(setting + " " + file + " cannot be read by this user; fix:"
          + " chown it to the user running the hub", e);
    } catch (IOException e) {
      throw new SecurityConfigException("cannot read " + setting + " " + file + ": " + e, e);
    }
  }

  /**
   * Writes {@code content} to a new file with mode 0600, atomically; false if the file already
   * exists (it is left untouched, e.g. another hub created it first).
   */
  public static boolean create(Path file, String content, String setting) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      return publish(temp, absolute);
    } catch (NoSuchFileException e) {
      throw new SecurityConfigException("cannot create " + setting + " " + absolute + ": directory "
          + dir + " does not exist; create it (mode 700) or set " + setting + " to another path", e);
    } catch (AccessDeniedException e) {
      throw new SecurityConfigException("cannot create " + setting + " " + absolute + ": directory "
          + dir + " is not writable by this user; fix its ownership or set " + setting
          + " to another path", e);
    } catch (IOException e) {
      throw new SecurityConfigException("cannot create " + setting + " " + absolute + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray 0600 temp file in the hub's own directory harms nobody
        }
      }
    }
  }

  /** The file's text, creating it first with {@code generate}'s content when missing. */
  public static String readOrCreate(Path file, Supplier<String> generate, String setting) {
    if (!Files.exists(file)) {
      create(file, generate.get(), setting);
    }
    return read(file, setting);
  }

  /**
   * Refuses files that others could read or replace: group or other permission bits set, owned
   * by another user, or not a regular file.
   */
  public static void checkSafe(Path file, String setting) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new SecurityConfigException(setting + " " + file + " is not a regular file");
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      int mode = Modes.toBits(permissions);
      if ((mode & 0077) != 0) {
        throw new SecurityConfigException(setting + " " + file + " has mode "
            + String.format("%04o", mode) + " and can be read or written by group or others;"
            + " the hub refuses to use it. Fix: chmod 600 " + file);
      }
      int fileUid = (Integer) Files.getAttribute(file, "unix:uid");
      long myUid = Modes.processUid();
      if (fileUid != myUid) {
        throw new SecurityConfigException(setting + " " + file + " is owned by uid " + fileUid
            + " but the hub runs as uid " + myUid + "; another user could replace the secret."
            + " Fix: chown " + myUid + " " + file);
      }
    } catch (IOException e) {
      throw new SecurityConfigException("cannot check " + setting + " " + file + ": " + e, e);
    } catch (UnsupportedOperationException e) {
      throw new SecurityConfigException(setting + " " + file + " is on a file system without POSIX"
          + " permissions; put it on one that has them", e);
    }
  }

  /** Makes {@code temp} visible as {@code target} in one step, never replacing an existing file. */
  private static boolean publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(target)) {
        return false;
      }
      // No hard links here (some network file systems): rename is still atomic for readers.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }
}
