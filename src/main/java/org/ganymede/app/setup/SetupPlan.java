package org.ganymede.app.setup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ganymede.app.check.Host;
import org.ganymede.app.check.SelinuxPolicy;

/** The ordered steps of {@code ganymede setup}; undo runs them backwards. */
final class SetupPlan {
  private SetupPlan() {}

  static List<Step> steps(Layout l) {
    Supplier<Integer> root = () -> 0;
    Supplier<Integer> svcUid = () -> Commands.uidOf(l.serviceUser());
    Supplier<Integer> svcGid = () -> Commands.gidOf(l.serviceUser());
    List<Step> steps = new ArrayList<>();
    steps.add(new SimpleStep("create group " + l.usersGroup() + " (its members may have servers)",
        () -> Host.groupExists(l.usersGroup()),
        () -> Commands.must("groupadd", l.usersGroup()),
        () -> { if (Host.groupExists(l.usersGroup())) Commands.must("groupdel", l.usersGroup()); }));
    steps.add(new SimpleStep("create system user " + l.serviceUser() + " (no shell, no password, home " + l.dataDir() + ")",
        () -> Host.userExists(l.serviceUser()),
        () -> Commands.must("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", l.dataDir().toString(),
            "--shell", "/usr/sbin/nologin", l.serviceUser()),
        () -> { if (Host.userExists(l.serviceUser())) Commands.must("userdel", l.serviceUser()); }));
    if (l.usePam()) {
      steps.add(new SimpleStep("add " + l.serviceUser() + " to group shadow (PAM reads /etc/shadow as the hub user)",
          () -> Host.inGroup(l.serviceUser(), "shadow"),
          () -> Commands.must("usermod", "-aG", "shadow", l.serviceUser()),
          () -> { if (Host.userExists(l.serviceUser()) && Host.inGroup(l.serviceUser(), "shadow")) {
            Commands.must("gpasswd", "-d", l.serviceUser(), "shadow");
          } }));
    }
    steps.add(new DirectoryStep(l.dataDir(), svcUid, svcGid, 0700));
    steps.add(new DirectoryStep(l.configDir(), root, root, 0755));
    steps.add(new DirectoryStep(l.helperDir(), root, root, 0755));
    steps.add(new ClasspathStep(l.helperDir().resolve("lib"), l.classpath()));
    steps.add(FileStep.rootFile("spawn helper config", l.helperConfig(), SetupFiles.helperConfig(l), 0644));
    steps.add(FileStep.rootFile("spawn helper launcher", l.helper(), SetupFiles.launcher(l), 0755));
    steps.add(new FileStep("sudoers grant (checked with visudo -cf)", l.sudoersFile(),
        () -> SetupFiles.sudoers(l).getBytes(StandardCharsets.UTF_8), root, root, 0440, false, Optional.of(visudo())));
    if (l.usePam()) steps.add(FileStep.rootFile("PAM service", l.pamFile(), SetupFiles.pamService(), 0644));
    steps.add(new FileStep("cookie secret", l.cookieSecret(), () -> randomHex().getBytes(StandardCharsets.UTF_8),
        svcUid, svcGid, 0600, true, Optional.empty()));
    steps.add(new FileStep("proxy token", l.proxyTokenFile(),
        () -> ("CONFIGPROXY_AUTH_TOKEN=" + randomHex() + "\n").getBytes(StandardCharsets.UTF_8),
        svcUid, svcGid, 0600, true, Optional.empty()));
    steps.add(new FileStep("hub config", l.hubConfig(), () -> SetupFiles.hubConfig(l).getBytes(StandardCharsets.UTF_8),
        root, root, 0644, true, Optional.empty()));
    steps.add(FileStep.rootFile("systemd unit", l.unitFile(), SetupFiles.systemdUnit(l), 0644));
    steps.add(FileStep.rootFile("SELinux policy module source", l.selinuxSource(), SetupFiles.selinuxModule(), 0644));
    if (selinuxEnabled()) steps.add(selinuxLoad(l));
    return steps;
  }

  private static Consumer<Path> visudo() {
    return file -> {
      Host.Run r = Host.run(List.of(Host.which("visudo").map(Path::toString).orElse("visudo"), "-cf", file.toString()));
      if (!r.ok()) throw new SetupException("visudo rejected the sudoers grant, nothing installed: " + r.out());
    };
  }

  static boolean selinuxEnabled() {
    SelinuxPolicy.Mode mode = SelinuxPolicy.live();
    return mode == SelinuxPolicy.Mode.ENFORCING || mode == SelinuxPolicy.Mode.PERMISSIVE;
  }

  private static Step selinuxLoad(Layout l) {
    return new SimpleStep("load SELinux module ganymede: " + String.join(" && ", SetupFiles.selinuxCommands(l)),
        SelinuxPolicy::moduleLoaded,
        () -> SetupFiles.selinuxCommands(l).forEach(c -> Commands.must(c.split(" "))),
        () -> Host.run(List.of("semodule", "-r", "ganymede")));
  }

  private static String randomHex() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Refuses before any change when a required tool is missing. */
  static Optional<String> missingTools(Layout l) {
    if (!Files.isExecutable(l.sudo())) {
      return Optional.of("sudo is not installed (" + l.sudo() + " missing): install it with apt-get install sudo "
          + "(dnf install sudo on Fedora/RHEL), then run ganymede setup again; nothing was changed");
    }
    if (Host.which("visudo").isEmpty()) return Optional.of("visudo is missing (part of sudo): apt-get install sudo; nothing was changed");
    for (String tool : List.of("useradd", "groupadd", "usermod", "gpasswd")) {
      if (Host.which(tool).isEmpty()) return Optional.of(tool + " is missing: apt-get install passwd; nothing was changed");
    }
    return Optional.empty();
  }
}
