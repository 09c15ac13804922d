package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.SpawnException;

/**
 * A Unix account as {@code getent passwd} reports it (files, LDAP, SSSD alike).
 *
 * <p>Supplementary groups are not listed here: {@code setpriv --init-groups} asks the same name
 * service for them at the moment the server starts, so they are never stale.
 */
record UnixAccount(String name, int uid, int gid, Path home, String shell) {

  /** The account named {@code name}, or empty when there is none. */
  static Optional<UnixAccount> lookup(String name) {
    return getent(name);
  }

  /** The account the hub itself runs as. */
  static UnixAccount current() {
    int uid = Posix.effectiveUid();
    return getent(Integer.toString(uid))
        .orElseGet(
            () ->
                new UnixAccount(
                    System.getProperty("user.name"), uid, uid,
                    Path.of(System.getProperty("user.home")), "/bin/sh"));
  }

  private static Optional<UnixAccount> getent(String key) {
    ProcessBuilder builder = new ProcessBuilder("getent", "passwd", key).redirectErrorStream(true);
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new SpawnException("getent passwd " + key + " did not answer within 10 s (check the name service)");
      }
      return switch (process.exitValue()) {
        case 0 -> Optional.of(parse(out.lines().findFirst().orElse("")));
        case 2 -> Optional.empty(); // key not found
        default -> throw new SpawnException("getent passwd " + key + " failed: " + out.strip());
      };
    } catch (IOException e) {
      throw new SpawnException("cannot run getent to look up Unix account " + key + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpawnException("interrupted while looking up Unix account " + key, e);
    }
  }

  /** Parses {@code name:password:uid:gid:gecos:home:shell}. */
  static UnixAccount parse(String line) {
    String[] f = line.split(":", -1);
    if (f.length < 7) throw new SpawnException("unexpected passwd entry from getent: '" + line + "'");
    String shell = f[6].isEmpty() ? "/bin/sh" : f[6];
    return new UnixAccount(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Path.of(f[5]), shell);
  }
}
