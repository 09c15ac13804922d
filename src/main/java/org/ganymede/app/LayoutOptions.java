package org.ganymede.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganymede.app.setup.Layout;
import picocli.CommandLine.Option;

/** The options {@code setup} and {@code doctor} share; defaults are the real installation. */
final class LayoutOptions {
  @Option(names = "--service-user", description = "System account the hub runs as (default: ${DEFAULT-VALUE}).")
  String serviceUser = "ganymede";

  @Option(names = "--group", description = "Group whose members may have servers (default: ${DEFAULT-VALUE}).")
  String group = "ganymede-users";

  @Option(names = "--prefix", description = "Root for the helper, config, data and unit paths (tests); default /.")
  Path prefix = Path.of("/");

  @Option(names = "--pam-service", description = "PAM service name, /etc/pam.d/<name> (default: ${DEFAULT-VALUE}).")
  String pamService = "ganymede";

  @Option(names = "--sudoers-file", description = "Default: /etc/sudoers.d/<service user>.")
  Optional<Path> sudoersFile = Optional.empty();

  @Option(names = "--sudo", description = "The sudo program (default: ${DEFAULT-VALUE}).")
  Path sudo = Path.of("/usr/bin/sudo");

  @Option(names = "--java", description = "Java the helper and hub run with (default: this one).")
  Optional<Path> java = Optional.empty();

  @Option(names = "--classpath", description = "Code the helper runs (default: this JVM's class path).")
  Optional<String> classpath = Optional.empty();

  @Option(names = "--single-user-cmd", description = "Server program the helper starts (default: jupyterhub-singleuser on PATH).")
  Optional<Path> singleUserCmd = Optional.empty();

  @Option(names = "--hub-port", description = "Port the hub listens on (default: ${DEFAULT-VALUE}).")
  int hubPort = 8000;

  @Option(names = "--no-pam", description = "The hub does not use PAM: no shadow group, no PAM service file.")
  boolean noPam;

  Layout layout() {
    Path p = prefix;
    return new Layout(serviceUser, group, under(p, "usr/local/lib/ganymede"), under(p, "etc/ganymede"),
        under(p, "var/lib/ganymede"), sudoersFile.orElse(Path.of("/etc/sudoers.d", serviceUser)), pamService,
        under(p, "etc/systemd/system/ganymede.service"),
        sudo, java.orElse(Path.of(System.getProperty("java.home"), "bin", "java")), classpathEntries(),
        singleUserCmd.orElseGet(LayoutOptions::findSingleUser), hubPort, !noPam);
  }

  private static Path under(Path prefix, String relative) {
    return prefix.resolve(relative).toAbsolutePath().normalize();
  }

  private List<Path> classpathEntries() {
    List<Path> out = new ArrayList<>();
    for (String entry : classpath.orElse(System.getProperty("java.class.path")).split(File.pathSeparator)) {
      if (!entry.isBlank()) out.add(Path.of(entry).toAbsolutePath());
    }
    return out;
  }

  private static Path findSingleUser() {
    for (String dir : List.of("/usr/local/bin", "/usr/bin", "/opt/conda/bin", "/opt/tljh/user/bin")) {
      Path p = Path.of(dir, "jupyterhub-singleuser");
      if (Files.isExecutable(p)) return p;
    }
    return Path.of("/usr/local/bin/jupyterhub-singleuser");
  }
}
