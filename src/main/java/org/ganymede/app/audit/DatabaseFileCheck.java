package org.ganymede.app.audit;

import java.nio.file.Path;
import org.ganymede.app.check.Finding;

/** The SQLite database holds token hashes and user state: closed to others. */
final class DatabaseFileCheck implements Check {
  public String id() { return "database-file"; }

  public Finding run(AuditContext c) {
    String url = c.config().hub().dbUrl();
    if (!url.startsWith("sqlite:///")) return Finding.pass(id(), "database is not a local file (" + url.replaceAll("//[^@/]*@", "//***@") + ").");
    Path file = c.resolve(url.substring("sqlite:///".length()));
    var mode = AuditContext.mode(file);
    if (mode.isEmpty()) return Finding.pass(id(), file + " does not exist yet.");
    if ((mode.get() & 0077) != 0) {
      return Finding.fail(id(), file + " has mode " + AuditContext.octal(mode.get()) + ".", "chmod 600 " + file);
    }
    return Finding.pass(id(), file + " is private (" + AuditContext.octal(mode.get()) + ").");
  }
}
