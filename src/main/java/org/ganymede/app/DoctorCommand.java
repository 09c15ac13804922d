package org.ganymede.app;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.app.setup.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ganymede doctor}: checks the no-root path and says how to fix what is broken. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check sudo, the sudoers grant, the spawn helper, PAM and SELinux; exit 0 all pass, 1 failures, 2 cannot check.")
final class DoctorCommand implements Callable<Integer> {
  @Mixin LayoutOptions options = new LayoutOptions();

  @Option(names = "--member", description = "A member of the users group to try the helper as (default: the first).")
  Optional<String> member = Optional.empty();

  @Override
  public Integer call() {
    try {
      return Doctor.run(options.layout(), member, System.out);
    } catch (org.ganymede.app.setup.SetupException e) {
      System.out.println("ganymede doctor: " + e.getMessage());
      return 2;
    }
  }
}
