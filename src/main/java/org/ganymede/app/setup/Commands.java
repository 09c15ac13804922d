package org.ganymede.app.setup;

import java.util.List;
import org.ganymede.app.check.Host;

/** Commands setup runs that must succeed: a failure stops setup with the command and its output. */
final class Commands {
  private Commands() {}

  static String must(String... command) {
    Host.Run r = Host.run(List.of(command));
    if (!r.ok()) throw new SetupException(String.join(" ", command) + " failed (status " + r.status() + "): " + r.out());
    return r.out();
  }

  static int uidOf(String user) {
    return Integer.parseInt(must("id", "-u", user).strip());
  }

  static int gidOf(String group) {
    String line = must("getent", "group", group);
    return Integer.parseInt(line.split(":")[2]);
  }
}
