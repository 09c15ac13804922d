package org.ganymede.rootfixtures;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A real Unix account with a password, made for one test class and removed after it; needs root. */
public final class ThrowAwayAccount implements AutoCloseable {
  public final String name;
  public final String password;

  private ThrowAwayAccount(String name, String password) {
    this.name = name;
    this.password = password;
  }

  /** {@code prefix} + 6 random hex digits; {@code groups} (may be empty) are supplementary groups. */
  public static ThrowAwayAccount create(String prefix, String... groups) {
    String name = prefix + randomHex();
    String password = "pw-" + randomHex() + "-Ü";
    if (groups.length == 0) Shell.ok("useradd", "-m", "-s", "/bin/bash", name);
    else Shell.ok("useradd", "-m", "-s", "/bin/bash", "-G", String.join(",", groups), name);
    Shell.Result set = Shell.run(List.of("chpasswd"), name + ":" + password + "\n");
    if (set.status() != 0) throw new IllegalStateException("chpasswd failed: " + set.out());
    return new ThrowAwayAccount(name, password);
  }

  public static String randomHex() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
  }

  public String uid() {
    return Shell.ok("id", "-u", name).strip();
  }

  @Override
  public void close() {
    Shell.run("pkill", "-KILL", "-u", name); // servers a failed test left behind
    Shell.run("userdel", "-r", name);
  }
}
