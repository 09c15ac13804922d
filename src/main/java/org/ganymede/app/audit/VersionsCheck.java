package org.ganymede.app.audit;

import java.time.Duration;
import java.util.List;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;

/** Trusted CI's review: know what runs, to match it against advisories — Ganymede's and the single-user server's version. */
final class VersionsCheck implements Check {
  public String id() { return "versions"; }

  public Finding run(AuditContext c) {
    String ganymede = "Ganymede " + org.ganymede.app.Version.GANYMEDE;
    var command = SingleUserCommand.resolve(c);
    if (command.isEmpty()) {
      return Finding.warn(id(), ganymede + "; single-user server not found.", "install jupyterhub-singleuser.");
    }
    Host.Run r = Host.run(List.of(command.get().toString(), "--version"), "", Duration.ofSeconds(20));
    String last = r.out().isEmpty() ? "(no output)" : r.out().lines().reduce((a, b) -> b).orElse(r.out());
    return switch (r.status()) {
      case 0 -> Finding.pass(id(), ganymede + "; " + command.get() + " " + last + ".");
      case 124 -> Finding.warn(id(), ganymede + "; " + command.get() + " --version did not answer in 20 s.", "run it by hand to see why.");
      case 127 -> Finding.warn(id(), ganymede + "; " + r.out(), "check its permissions.");
      default -> Finding.warn(id(), ganymede + "; " + command.get() + " --version failed: " + last, "run it by hand to see why.");
    };
  }
}
