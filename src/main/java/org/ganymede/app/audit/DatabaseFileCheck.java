package org.ganymede.app.audit;

import java.nio.file.Path;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;

/** The SQLite database holds token hashes and user state: closed to others. */
final class DatabaseFileCheck implements Check {
  public String id() { return "database-file"; }

  public Finding run(AuditContext c) {
    String url = c.config().hub().dbUrl();
    if (!url.startsWith("sqlite:///")) return Finding.pass(id(), "database is not a local file (" + url.replaceAll("//[^@/]*@", "//***@") + ").");
    Path file = c.resolve(url.substring("sqlite:///".length()));
    var attrs = Host.targetAttrs(file);
    if (attrs.isEmpty()) return Finding.pass(id(), file + " does not exist yet.");
    if (attrs.get().notPrivate()) return Finding.fail(id(), file + " has mode " + attrs.get().modeText() + ".", "chmod 600 " + file);
    return Finding.pass(id(), file + " is private (" + attrs.get().modeText() + ").");
  }
}
