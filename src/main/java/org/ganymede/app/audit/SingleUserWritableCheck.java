package org.ganymede.app.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;

/**
 * Trusted CI's review: the single-user command and its Python environment must not be writable
 * by users — whoever can change them runs code as every user who starts a server.
 */
final class SingleUserWritableCheck implements Check {
  public String id() { return "singleuser-writable"; }

  public Finding run(AuditContext c) {
    var command = SingleUserCommand.resolve(c);
    if (command.isEmpty()) {
      return Finding.warn(id(), SingleUserCommand.name(c) + " is not on the hub's PATH.",
          "install it (apt install jupyterhub, or pip in a root-owned venv) or set c.Spawner.cmd to its absolute path.");
    }
    List<Path> writable = new ArrayList<>();
    collect(command.get(), writable);
    SingleUserCommand.interpreter(command.get()).ifPresent(python -> collect(python, writable));
    if (writable.isEmpty()) return Finding.pass(id(), command.get() + " and its interpreter are writable only by their owners.");
    return Finding.fail(id(), "writable by group or others: " + writable + "; a user could replace what every server runs.",
        "chmod go-w " + String.join(" ", writable.stream().map(Path::toString).toList()));
  }

  /** The file and each directory above it; sticky directories (like /tmp) still let others add files but not replace ours. */
  private static void collect(Path file, List<Path> out) {
    for (Path p = file.toAbsolutePath(); p != null; p = p.getParent()) {
      if (!out.contains(p) && Host.targetAttrs(p).map(Host.Attrs::writableByOthers).orElse(false)) out.add(p);
    }
  }
}
