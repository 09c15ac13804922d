package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;
import org.ganymede.security.ProxyTokenSource;

/** The proxy API token: set, and when kept in a file, private. */
final class ProxyTokenCheck implements Check {
  public String id() { return "proxy-token"; }

  public Finding run(AuditContext c) {
    if (c.config().proxy().authToken().isPresent()) return Finding.pass(id(), "set in config.");
    if (!c.host().env().getOrDefault(ProxyTokenSource.ENV, "").isBlank()) return Finding.pass(id(), "set in env " + ProxyTokenSource.ENV + ".");
    var file = c.workDir().resolve(ProxyTokenSource.FILE_NAME);
    var attrs = Host.targetAttrs(file);
    if (attrs.isEmpty()) return Finding.pass(id(), file + " will be created with mode 0600 at first start.");
    if (attrs.get().notPrivate()) {
      return Finding.fail(id(), file + " has mode " + attrs.get().modeText() + "; its reader can reroute every user.", "chmod 600 " + file);
    }
    return Finding.pass(id(), file + " is private (" + attrs.get().modeText() + ").");
  }
}
