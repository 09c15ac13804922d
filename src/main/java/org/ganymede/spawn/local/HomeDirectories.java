package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ganymede.spawn.SpawnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pam_mkhomedir's job, done by root for an account that has no home yet (directory users whose
 * entry names a home nobody created): the directory from {@code getent passwd}, {@code /etc/skel}
 * copied in, everything owned by the account's uid and primary gid, the home's mode
 * {@code HOME_MODE} of {@code /etc/login.defs} or else {@code 0777 & ~UMASK} (as useradd).
 *
 * <p>Root writes into a place a user may later control, so: every ancestor of the home must be a
 * root-owned directory nobody else can write (no user can plant a link on the way); the new
 * directory is made root-owned and 0700 first, filled, and only then handed over, so the user
 * cannot swap anything inside while root copies; links are copied as links, never followed.
 */
public final class HomeDirectories {
  private static final Logger log = LoggerFactory.getLogger(HomeDirectories.class);

  /** @param mode the home's permission bits; @param skel the template directory (may be missing) */
  public record Layout(int mode, Path skel) {
    /** {@code HOME_MODE}, else {@code 0777 & ~UMASK} (default 022), from /etc/login.defs; {@code /etc/skel}. */
    public static Layout fromLoginDefs() {
      return fromLoginDefs(Path.of("/etc/login.defs"), Path.of("/etc/skel"));
    }

    static Layout fromLoginDefs(Path loginDefs, Path skel) {
      Integer homeMode = null;
      int umask = 022;
      try {
        for (String line : Files.readAllLines(loginDefs, StandardCharsets.UTF_8)) {
          String[] f = line.strip().split("\\s+");
          if (f.length < 2 || !f[1].matches("0?[0-7]{1,4}")) continue;
          if (f[0].equals("HOME_MODE")) homeMode = Integer.parseInt(f[1], 8);
          if (f[0].equals("UMASK")) umask = Integer.parseInt(f[1], 8);
        }
      } catch (IOException e) {
        log.debug("{} unreadable; home mode from umask 022", loginDefs);
      }
      return new Layout(homeMode != null ? homeMode & 07777 : 0777 & ~umask, skel);
    }
  }

  private HomeDirectories() {}

  /**
   * Creates {@code home} for {@code account} when it does not exist; does nothing when it does.
   * Needs root.
   *
   * @return whether it was created
   * @throws SpawnException naming the account, the path and what is wrong
   */
  public static boolean ensure(String account, int uid, int gid, Path home, Layout layout) {
    if (!home.isAbsolute() || !home.normalize().equals(home) || home.getParent() == null) {
      throw new SpawnException("home directory '" + home + "' of Unix account " + account
          + " is not a plain absolute path; not creating it");
    }
    if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) return false;
      throw new SpawnException("home " + home + " of Unix account " + account + " exists but is not a directory");
    }
    Path parent;
    try {
      parent = home.getParent().toRealPath();
    } catch (IOException e) {
      throw new SpawnException("cannot create home " + home + " of Unix account " + account + ": its parent "
          + home.getParent() + " does not exist (" + e.getMessage() + ")");
    }
    for (Path p = parent; p != null; p = p.getParent()) checkRootOnly(p, home, account);
    Path target = parent.resolve(home.getFileName());
    try {
      Files.createDirectory(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      return false; // a concurrent spawn made it
    } catch (IOException e) {
      throw new SpawnException("cannot create home " + home + " of Unix account " + account + ": " + e.getMessage(), e);
    }
    try {
      copySkeleton(layout.skel(), target);
      List<Path> all;
      try (Stream<Path> walk = Files.walk(target)) {
        all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList()); // the home itself last
      }
      for (Path p : all) {
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      }
      Files.setAttribute(target, "unix:mode", layout.mode(), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SpawnException("created home " + home + " of Unix account " + account + " but could not finish it: "
          + e.getMessage(), e);
    }
    log.info("created home directory {} for Unix account {} (uid {}, gid {}, mode {})", home, account, uid, gid,
        Integer.toOctalString(layout.mode()));
    return true;
  }

  private static void checkRootOnly(Path dir, Path home, String account) {
    try {
      Map<String, Object> a = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      // Sticky (/tmp) does not help: another user could have made the home's name first.
      if ((Integer) a.get("uid") != 0 || (mode & 0022) != 0) {
        throw new SpawnException("not creating home " + home + " of Unix account " + account + ": " + dir
            + " must be owned by root and writable only by root (uid " + a.get("uid") + ", mode "
            + Integer.toOctalString(mode & 07777) + ")");
      }
    } catch (IOException e) {
      throw new SpawnException("cannot check " + dir + " before creating home " + home + ": " + e.getMessage(), e);
    }
  }

  private static void copySkeleton(Path skel, Path target) throws IOException {
    if (!Files.isDirectory(skel, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(skel)) {
      for (Path source : walk.filter(p -> !p.equals(skel)).toList()) {
        Path dest = target.resolve(skel.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(dest);
          Files.setAttribute(dest, "unix:mode", (Integer) Files.getAttribute(source, "unix:mode") & 07777);
        } else {
          Files.copy(source, dest, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
