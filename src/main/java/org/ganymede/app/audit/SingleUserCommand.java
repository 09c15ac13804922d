package org.ganymede.app.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the single-user command the spawner would run, as the hub would resolve it on PATH. */
final class SingleUserCommand {
  private SingleUserCommand() {}

  static String name(AuditContext c) {
    var cmd = c.config().spawner().cmd();
    return cmd.isEmpty() ? "jupyterhub-singleuser" : cmd.get(0);
  }

  static Optional<Path> resolve(AuditContext c) {
    String name = name(c);
    if (name.contains("/")) return Files.isExecutable(Path.of(name)) ? Optional.of(Path.of(name)) : Optional.empty();
    for (String dir : c.host().env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** The interpreter named on the script's {@code #!} line, when it is an absolute path. */
  static Optional<Path> interpreter(Path script) {
    try (var in = Files.newBufferedReader(script, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      String first = in.readLine();
      if (first == null || !first.startsWith("#!/")) return Optional.empty();
      return Optional.of(Path.of(first.substring(2).strip().split("\\s+")[0]));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
