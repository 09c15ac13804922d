package org.ganymede.spawn.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ganymede.spawn.SpawnException;

/**
 * Turns {@code Spawner.cmd[0]} into an absolute path before anything starts, so a missing program
 * fails the spawn at once with its name, instead of as a dead process the hub waits for.
 */
final class CommandResolver {
  private CommandResolver() {}

  /**
   * The absolute path of {@code command}, searched on {@code path} when it has no '/'; refused when
   * another user could replace what would run (see {@link #checkNotReplaceable}).
   */
  static Path resolve(String command, String path) {
    if (command.contains("/")) {
      Path file = Path.of(command).toAbsolutePath();
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        checkNotReplaceable(file, java.util.List.of());
        return file;
      }
      throw new SpawnException(
          "Spawner.cmd '" + command + "' is not an executable file (install it or fix Spawner.cmd)");
    }
    java.util.List<Path> before = new java.util.ArrayList<>();
    for (String dir : path.split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) continue; // never resolve against the hub's cwd
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        checkNotReplaceable(candidate, before);
        return candidate;
      }
      before.add(Path.of(dir));
    }
    throw new SpawnException("Spawner.cmd '" + command + "' was not found on PATH " + path
        + " (install it, give an absolute path, or set PATH in Spawner.environment)");
  }

  /**
   * Refuses to run a program that users could swap for their own: the file or any directory above
   * it (following links) writable by group or others, or owned by someone other than root or the
   * hub; or a PATH directory searched before it that is writable by group or others (a same-named
   * program planted there would run instead). Sticky root-owned directories such as /tmp count as safe.
   */
  static void checkNotReplaceable(Path file, java.util.List<Path> searchedBefore) {
    try {
      int hub = Posix.effectiveUid();
      for (Path p : chain(file)) {
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        int owner = (Integer) Files.getAttribute(p, "unix:uid");
        boolean sticky = Files.isDirectory(p) && (mode & 01000) != 0 && owner == 0;
        if ((mode & 022) != 0 && !sticky) {
          throw refused(file, p + " is writable by " + ((mode & 002) != 0 ? "everyone" : "its group")
              + " (mode " + String.format("%04o", mode & 07777) + "); fix: chmod go-w " + p);
        }
        if (owner != 0 && owner != hub) {
          throw refused(file, p + " belongs to uid " + owner + ", who could replace it; fix: chown root " + p);
        }
      }
      for (Path dir : searchedBefore) {
        if (!Files.isDirectory(dir)) continue;
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        if ((mode & 022) != 0) {
          throw refused(file, "PATH directory " + dir + " comes before it and is writable by others (mode "
              + String.format("%04o", mode & 07777) + "); fix: chmod go-w " + dir + " or remove it from PATH");
        }
      }
    } catch (java.io.IOException e) {
      throw new SpawnException("cannot check who may change " + file + ": " + e.getMessage());
    }
  }

  /** The file and every directory above it, for the path as given and for its real location. */
  private static java.util.Set<Path> chain(Path file) throws java.io.IOException {
    java.util.Set<Path> out = new java.util.LinkedHashSet<>();
    for (Path start : new Path[] {file, file.toRealPath()}) {
      for (Path p = start; p != null; p = p.getParent()) out.add(p.equals(start) ? p.toRealPath() : p);
    }
    return out;
  }

  private static SpawnException refused(Path file, String why) {
    return new SpawnException("refusing to run " + file + " for users: " + why);
  }
}
