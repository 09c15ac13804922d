package org.ganymede.app;

import java.util.concurrent.Callable;
import org.ganymede.app.setup.Setup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ganymede setup}: prepares the host so the hub runs without root (see {@link Setup}). */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = {"Prepare this host to run the hub as an unprivileged service user (run as root, once;",
        "running it again changes nothing): service user, users group, sudoers grant for the spawn helper,",
        "PAM service, data and config directories, secrets, systemd unit, SELinux module."})
final class SetupCommand implements Callable<Integer> {
  @Mixin LayoutOptions options = new LayoutOptions();

  @Option(names = "--dry-run", description = "Print every step and whether it is done; change nothing.")
  boolean dryRun;

  @Option(names = "--undo", description = "Reverse the steps (data directories are kept unless empty).")
  boolean undo;

  @Override
  public Integer call() {
    Setup.Mode mode = dryRun ? Setup.Mode.DRY_RUN : undo ? Setup.Mode.UNDO : Setup.Mode.APPLY;
    try {
      return Setup.run(options.layout(), mode, System.out);
    } catch (org.ganymede.app.setup.SetupException e) {
      System.out.println("ganymede setup: " + e.getMessage());
      return 2;
    }
  }
}
