package org.ganymede.spawn.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ganymede.spawn.SpawnException;

/**
 * Turns {@code Spawner.cmd[0]} into an absolute path before anything starts, so a missing program
 * fails the spawn at once with its name, instead of as a dead process the hub waits for.
 */
final class CommandResolver {
  private CommandResolver() {}

  /** The absolute path of {@code command}, searched on {@code path} when it has no '/'. */
  static Path resolve(String command, String path) {
    if (command.contains("/")) {
      Path file = Path.of(command).toAbsolutePath();
      if (Files.isRegularFile(file) && Files.isExecutable(file)) return file;
      throw new SpawnException(
          "Spawner.cmd '" + command + "' is not an executable file (install it or fix Spawner.cmd)");
    }
    return search(command, path)
        .orElseThrow(
            () ->
                new SpawnException(
                    "Spawner.cmd '" + command + "' was not found on PATH " + path
                        + " (install it, give an absolute path, or set PATH in Spawner.environment)"));
  }

  private static Optional<Path> search(String command, String path) {
    for (String dir : path.split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) continue; // never resolve against the hub's cwd
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }
}
