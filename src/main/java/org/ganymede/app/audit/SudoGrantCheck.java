package org.ganymede.app.audit;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Trusted CI's review (its sudospawner set-up): the hub's sudo grant must allow only the helper,
 * never ALL, a wildcard or a shell — otherwise a hub compromise is a root compromise.
 */
final class SudoGrantCheck implements Check {
  public String id() { return "sudo-grant"; }

  public Finding run(AuditContext c) {
    var file = c.host().sudoersFile();
    if (!Files.exists(file)) return Finding.pass(id(), "no " + file + ": the hub has no sudo grant.");
    String helper = c.config().spawner().helperPath();
    List<String> bad = new ArrayList<>();
    try {
      for (String raw : Files.readAllLines(file)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("Defaults") || !line.contains("=")) continue;
        String commands = line.substring(line.indexOf('=') + 1);
        if (commands.contains(")")) commands = commands.substring(commands.lastIndexOf(')') + 1);
        for (String command : commands.split(",")) {
          String cmd = command.strip().replaceFirst("^(NOPASSWD:|SETENV:|NOEXEC:|\\s)+", "").strip();
          String program = cmd.split("\\s+")[0];
          boolean wide = cmd.equals("ALL") || cmd.contains("*") || program.matches(".*/(ba|da|z|k|c)?sh|.*/python[0-9.]*|.*/env")
              || (!helper.isEmpty() && !program.equals(helper));
          if (wide) bad.add(cmd);
        }
      }
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + file + ": " + e.getMessage(), "run the audit as root to check the sudo grant.");
    }
    if (bad.isEmpty()) return Finding.pass(id(), file + " grants only the helper.");
    return Finding.fail(id(), file + " grants more than the helper: " + String.join(", ", bad) + ".",
        "reduce it to: <hub-user> ALL=(%ganymede-users) NOPASSWD: " + (helper.isEmpty() ? "<helper path>" : helper)
            + " (ganymede setup writes it).");
  }
}
