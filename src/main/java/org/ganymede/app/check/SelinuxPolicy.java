package org.ganymede.app.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SELinux for the hub: enforcing where it exists (Trusted CI's review), and then with module
 * {@code ganymede} loaded, without which a confined hub cannot run sudo or PAM's password checker.
 * Audit reads the mode from {@code /sys/fs/selinux/enforce} and cannot list modules without root;
 * doctor and setup ask {@code getenforce} and {@code semodule -l}.
 */
public final class SelinuxPolicy {
  public static final String ID = "selinux";
  public static final String MODULE = "ganymede";

  public enum Mode { ABSENT, DISABLED, PERMISSIVE, ENFORCING }

  public enum Module { LOADED, MISSING, NOT_CHECKED }

  private SelinuxPolicy() {}

  /** @param loadCommands the commands that load the module, the fix when it is missing */
  public static Finding judge(Mode mode, Module module, List<String> loadCommands) {
    String load = loadCommands.isEmpty() ? "run ganymede setup again" : String.join(" && ", loadCommands);
    return switch (mode) {
      case ABSENT -> Finding.pass(ID, "SELinux is not present on this host.");
      case DISABLED -> Finding.pass(ID, "SELinux is disabled.");
      case PERMISSIVE -> Finding.warn(ID, "SELinux is permissive: it denies nothing.",
          (module == Module.MISSING ? "load module " + MODULE + " (" + load + "), then " : "")
              + "setenforce 1 and set SELINUX=enforcing in /etc/selinux/config.");
      case ENFORCING -> switch (module) {
        case LOADED -> Finding.pass(ID, "SELinux is enforcing, module " + MODULE + " loaded.");
        case NOT_CHECKED -> Finding.pass(ID, "SELinux is enforcing.");
        case MISSING -> Finding.fail(ID, "SELinux is enforcing and module " + MODULE
            + " is not loaded, so the hub cannot run sudo or PAM's password checker.", load);
      };
    };
  }

  /** The mode from the kernel's file ({@code /sys/fs/selinux/enforce}); no file, no SELinux. */
  public static Mode fromEnforceFile(Path file) throws IOException {
    if (!Files.exists(file)) return Mode.ABSENT;
    return Files.readString(file).strip().equals("1") ? Mode.ENFORCING : Mode.PERMISSIVE;
  }

  /** The mode {@code getenforce} prints; no getenforce, no SELinux. */
  public static Mode live() {
    Optional<Path> getenforce = Host.which("getenforce");
    if (getenforce.isEmpty()) return Mode.ABSENT;
    return switch (Host.run(List.of(getenforce.get().toString())).out().strip()) {
      case "Enforcing" -> Mode.ENFORCING;
      case "Permissive" -> Mode.PERMISSIVE;
      default -> Mode.DISABLED;
    };
  }

  /** Whether {@code semodule -l} (root only) lists module ganymede. */
  public static boolean moduleLoaded() {
    return Host.run(List.of("semodule", "-l")).out().lines().anyMatch(line -> line.split("\\s+")[0].equals(MODULE));
  }
}
