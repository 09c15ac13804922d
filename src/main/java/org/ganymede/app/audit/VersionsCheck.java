package org.ganymede.app.audit;

import java.util.concurrent.TimeUnit;
import org.ganymede.app.check.Finding;

/** Trusted CI's review: know what runs, to match it against advisories — Ganymede's and the single-user server's version. */
final class VersionsCheck implements Check {
  public String id() { return "versions"; }

  public Finding run(AuditContext c) {
    String ganymede = "Ganymede " + org.ganymede.app.Version.GANYMEDE;
    var command = SingleUserCommand.resolve(c);
    if (command.isEmpty()) {
      return Finding.warn(id(), ganymede + "; single-user server not found.", "install jupyterhub-singleuser.");
    }
    try {
      Process p = new ProcessBuilder(command.get().toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Finding.warn(id(), ganymede + "; " + command.get() + " --version did not answer in 20 s.", "run it by hand to see why.");
      }
      String out = new String(p.getInputStream().readNBytes(4096)).strip();
      String last = out.isEmpty() ? "(no output)" : out.lines().reduce((a, b) -> b).orElse(out);
      if (p.exitValue() != 0) {
        return Finding.warn(id(), ganymede + "; " + command.get() + " --version failed: " + last, "run it by hand to see why.");
      }
      return Finding.pass(id(), ganymede + "; " + command.get() + " " + last + ".");
    } catch (java.io.IOException e) {
      return Finding.warn(id(), ganymede + "; cannot run " + command.get() + ": " + e.getMessage(), "check its permissions.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.warn(id(), ganymede + "; interrupted.", "run the audit again.");
    }
  }
}
