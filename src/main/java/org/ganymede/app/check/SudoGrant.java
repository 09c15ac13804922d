package org.ganymede.app.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's sudo grant (Trusted CI's review, its sudospawner set-up): it may name the helper and
 * nothing else — never ALL, a wildcard, a shell or another program — or a hub compromise is a root
 * compromise. Audit reads the grant from Ganymede's sudoers file ({@link #fromSudoers}), doctor
 * asks sudo itself ({@link #fromSudoList}); both judge the commands found the same way.
 *
 * @param user the hub's account, the one granted
 * @param usersGroup the Runas group: its members may have servers
 * @param helper the helper's path, the one program the grant may name
 * @param required the hub spawns through sudo, so without a grant no server starts
 */
public record SudoGrant(String user, String usersGroup, Path helper, boolean required) {
  public static final String ID = "sudo-grant";

  /**
   * @param source where the grant was read, named in the finding: a sudoers file, or {@code sudo -l -U user}
   * @param granted the commands granted, each a program and its arguments, tags and Runas removed
   */
  public Finding judge(String source, List<String> granted) {
    if (granted.isEmpty()) {
      return required
          ? Finding.fail(ID, user + " may run nothing through sudo (" + source + "), so no server can start.",
              "run ganymede setup, or check that /etc/sudoers has @includedir /etc/sudoers.d.")
          : Finding.pass(ID, user + " has no sudo grant (" + source + ").");
    }
    List<String> wider = granted.stream().filter(c -> !namesOnlyTheHelper(c)).toList();
    if (wider.isEmpty()) return Finding.pass(ID, source + " grants " + user + " only " + helper + ".");
    return Finding.fail(ID, source + " grants more than the helper: " + String.join(", ", wider) + ".",
        "reduce it to: " + user + " ALL=(%" + usersGroup + ") NOPASSWD: " + helper + " \"\", " + helper
            + " --check (ganymede setup writes it).");
  }

  /** The helper with fixed arguments; a wildcard would let the hub pass anything. */
  private boolean namesOnlyTheHelper(String command) {
    return command.split("\\s+")[0].equals(helper.toString()) && !command.contains("*");
  }

  /** The commands a sudoers file grants, whoever they are granted to (a Ganymede file grants only the hub). */
  public static List<String> fromSudoers(List<String> lines) {
    List<String> commands = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("Defaults") || !line.contains("=")) continue;
      String list = line.substring(line.indexOf('=') + 1);
      if (list.contains(")")) list = list.substring(list.lastIndexOf(')') + 1);
      addCommands(list, commands);
    }
    return commands;
  }

  /** The commands {@code sudo -l -U user} lists after "may run the following commands". */
  public static List<String> fromSudoList(String output) {
    List<String> commands = new ArrayList<>();
    boolean listing = false;
    for (String line : output.lines().toList()) {
      if (line.contains("may run the following commands")) {
        listing = true;
      } else if (listing && !line.isBlank()) {
        addCommands(line.strip().replaceFirst("^\\([^)]*\\)", ""), commands);
      }
    }
    return commands;
  }

  /** One rule's comma-separated commands, each without its tags ({@code NOPASSWD:} ...). */
  private static void addCommands(String list, List<String> into) {
    for (String c : list.split(",")) {
      String command = c.strip().replaceFirst("^([A-Z_]+:\\s*)+", "").strip();
      if (!command.isEmpty()) into.add(command);
    }
  }
}
