package org.ganymede.app.setup;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.ganymede.app.check.Host;

/**
 * Runs the setup plan: apply (only steps not yet done), dry run (print every step), or undo.
 * Returns the exit status: 0 done, 1 a step failed or a tool is missing, 2 not root.
 */
public final class Setup {
  public enum Mode { APPLY, DRY_RUN, UNDO }

  private Setup() {}

  public static int run(Layout layout, Mode mode, PrintStream out) {
    if (mode != Mode.DRY_RUN && !Host.isRoot()) {
      out.println("ganymede setup must run as root (it creates users and writes /etc); try sudo ganymede setup, "
          + "or --dry-run to see the steps");
      return 2;
    }
    Optional<String> missing = SetupPlan.missingTools(layout);
    if (missing.isPresent()) {
      out.println("ganymede setup: " + missing.get());
      return 1;
    }
    List<Step> steps = SetupPlan.steps(layout);
    int changed = 0;
    try {
      if (mode == Mode.UNDO) {
        for (Step step : steps.reversed()) {
          out.println("undo: " + step.describe());
          step.undo();
          changed++;
        }
        out.println("undone " + changed + " steps");
        return 0;
      }
      for (Step step : steps) {
        boolean done = step.isDone();
        if (mode == Mode.DRY_RUN) {
          out.println((done ? "[done]  " : "[would] ") + step.describe());
        } else if (done) {
          out.println("[done]  " + step.describe());
        } else {
          out.println("[apply] " + step.describe());
          step.apply();
          changed++;
        }
      }
    } catch (SetupException e) {
      out.println("ganymede setup failed: " + e.getMessage());
      return 1;
    }
    if (mode == Mode.DRY_RUN) {
      out.println("dry run: nothing was changed");
    } else {
      out.println(changed + " steps changed");
    }
    if (!SetupPlan.selinuxEnabled()) {
      out.println("SELinux is not enabled here; where it is, load " + layout.selinuxSource() + " with:");
      SetupFiles.selinuxCommands(layout).forEach(c -> out.println("  " + c));
    }
    out.println("Next: systemctl daemon-reload && systemctl enable --now " + layout.unitFile().getFileName());
    out.println("Add a user: usermod -aG " + layout.usersGroup() + " <user>  (no sudoers edit needed)");
    out.println(SetupFiles.firewallHint(layout));
    return 0;
  }
}
