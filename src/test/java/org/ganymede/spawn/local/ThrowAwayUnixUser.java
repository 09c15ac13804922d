package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A real Unix account made for one test class ({@code useradd -m}), also in group users; needs root. */
public final class ThrowAwayUnixUser implements AutoCloseable {
  public final String name;
  public final UnixAccount account;

  private ThrowAwayUnixUser(String name, UnixAccount account) {
    this.name = name;
    this.account = account;
  }

  public static ThrowAwayUnixUser create() {
    String name = "ganytest" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    run("useradd", "-m", "-s", "/bin/bash", "-G", "users", name); // users: gid 100 on Debian
    return new ThrowAwayUnixUser(name, UnixAccount.lookup(name).orElseThrow());
  }

  /** The account's uid. */
  public int uid() {
    return account.uid();
  }

  /** Removes the account, its home and the runtime directories its servers left in /tmp. */
  @Override
  public void close() {
    run("userdel", "-r", name);
    try (var dirs = java.nio.file.Files.newDirectoryStream(
        java.nio.file.Path.of("/tmp"), "ganymede-" + account.uid() + "-*")) {
      for (var dir : dirs) run("rm", "-rf", "--one-file-system", dir.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
