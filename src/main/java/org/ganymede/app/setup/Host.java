package org.ganymede.app.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The host commands and file facts setup and doctor rely on; every command is bounded in time. */
final class Host {
  record Run(int status, String out) {
    boolean ok() {
      return status == 0;
    }
  }

  private Host() {}

  static Run run(List<String> command) {
    return run(command, "");
  }

  static Run run(List<String> command, String stdin) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the command did not read its input
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(124, String.join(" ", command) + " did not finish within 60 s");
      }
      return new Run(p.exitValue(), out.strip());
    } catch (IOException e) {
      return new Run(127, "cannot run " + command.getFirst() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(130, "interrupted");
    }
  }

  /** Runs a command that must succeed. */
  static String must(String... command) {
    Run r = run(List.of(command));
    if (!r.ok()) throw new SetupException(String.join(" ", command) + " failed (status " + r.status() + "): " + r.out());
    return r.out();
  }

  static boolean userExists(String name) {
    return run(List.of("getent", "passwd", name)).ok();
  }

  static boolean groupExists(String name) {
    return run(List.of("getent", "group", name)).ok();
  }

  static boolean inGroup(String user, String group) {
    Run r = run(List.of("id", "-Gn", user));
    return r.ok() && List.of(r.out().split("\\s+")).contains(group);
  }

  static Optional<Path> which(String program) {
    for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** uid, gid and permission bits of {@code path}, not following links; empty when it does not exist. */
  static Optional<Attrs> attrs(Path path) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new Attrs((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode") & 07777));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  record Attrs(int uid, int gid, int mode) {
    boolean writableByOthers() {
      return (mode & 0022) != 0 && (mode & 01000) == 0; // sticky directories (/tmp) protect root's entries
    }

    String modeText() {
      return String.format("%04o", mode);
    }
  }

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  static int uidOf(String user) {
    return Integer.parseInt(must("id", "-u", user).strip());
  }

  static int gidOf(String group) {
    String line = must("getent", "group", group);
    return Integer.parseInt(line.split(":")[2]);
  }
}
