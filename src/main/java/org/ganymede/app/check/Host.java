package org.ganymede.app.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one reader of the host for setup, doctor and audit: commands (each bounded in time), users
 * and groups, file owners and modes.
 */
public final class Host {
  /** A finished command: its exit status and its output (stdout and stderr together, stripped). */
  public record Run(int status, String out) {
    public boolean ok() {
      return status == 0;
    }
  }

  private Host() {}

  public static Run run(List<String> command) {
    return run(command, "");
  }

  public static Run run(List<String> command, String stdin) {
    return run(command, stdin, Duration.ofSeconds(60));
  }

  /** Runs {@code command} with {@code stdin}; past {@code limit} it is killed and the status is 124. */
  public static Run run(List<String> command, String stdin, Duration limit) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      // Read on another thread so that a command holding its output open cannot outlast the limit.
      FutureTask<byte[]> output = new FutureTask<>(() -> p.getInputStream().readAllBytes());
      Thread.ofVirtual().start(output);
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the command did not read its input
      }
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Run(124, String.join(" ", command) + " did not finish within "
            + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms"));
      }
      return new Run(p.exitValue(), new String(output.get(limit.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return new Run(127, "cannot run " + command.getFirst() + ": " + e.getMessage());
    } catch (ExecutionException | TimeoutException e) {
      return new Run(125, "cannot read the output of " + command.getFirst() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(130, "interrupted");
    }
  }

  public static boolean userExists(String name) {
    return run(List.of("getent", "passwd", name)).ok();
  }

  public static boolean groupExists(String name) {
    return run(List.of("getent", "group", name)).ok();
  }

  /** Whether {@code user} is in {@code group} as the system sees it ({@code id -Gn}: primary group, files, NSS). */
  public static boolean inGroup(String user, String group) {
    Run r = run(List.of("id", "-Gn", user));
    return r.ok() && List.of(r.out().split("\\s+")).contains(group);
  }

  public static Optional<Path> which(String program) {
    for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** Owner and mode of {@code path} itself, not following links; empty when it does not exist. */
  public static Optional<Attrs> attrs(Path path) {
    return attrs(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** Owner and mode of what {@code path} leads to, following links (a key file may be a link, as Let's Encrypt's are). */
  public static Optional<Attrs> targetAttrs(Path path) {
    return attrs(path, new LinkOption[0]);
  }

  private static Optional<Attrs> attrs(Path path, LinkOption... options) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode", options);
      int mode = (Integer) a.get("mode");
      return Optional.of(new Attrs((Integer) a.get("uid"), (Integer) a.get("gid"), mode & 07777, (mode & 0170000) == 0040000));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * @param mode permission bits, with setuid, setgid and sticky
   * @param directory whether it is a directory (where the sticky bit means something)
   */
  public record Attrs(int uid, int gid, int mode, boolean directory) {
    /** Group or others may write it; a sticky directory (/tmp) lets them add entries but not replace another's. */
    public boolean writableByOthers() {
      return (mode & 0022) != 0 && !(directory && (mode & 01000) != 0);
    }

    public boolean readableByOthers() {
      return (mode & 0044) != 0;
    }

    /** Group or others have any access. */
    public boolean notPrivate() {
      return (mode & 0077) != 0;
    }

    public String modeText() {
      return String.format("%04o", mode);
    }
  }

  public static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /**
   * The members {@code groupFile} (in {@code /etc/group}'s format) lists for {@code group}: a file
   * rather than a command, so a check can be shown on a fixture.
   */
  public static List<String> groupFileMembers(Path groupFile, String group) throws IOException {
    for (String line : Files.readAllLines(groupFile)) {
      if (line.startsWith(group + ":")) return members(line);
    }
    return List.of();
  }

  /** The listed members of {@code group} from the account database ({@code getent group}); empty when none or no such group. */
  public static List<String> groupMembers(String group) {
    Run r = run(List.of("getent", "group", group));
    return r.ok() ? members(r.out()) : List.of();
  }

  /** The fourth field of a group line ({@code name:x:gid:a,b}). */
  private static List<String> members(String groupLine) {
    String[] f = groupLine.strip().split(":", -1);
    return f.length < 4 ? List.of() : Arrays.stream(f[3].split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
  }
}
