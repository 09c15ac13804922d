package org.ganymede.app.audit;

import java.nio.file.Files;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;
import org.ganymede.security.CookieSecretSource;

/** The cookie secret: at least 32 bytes, and its file closed to group and others. */
final class CookieSecretCheck implements Check {
  public String id() { return "cookie-secret"; }

  public Finding run(AuditContext c) {
    var hub = c.config().hub();
    if (hub.cookieSecret().isPresent()) {
      int n = hub.cookieSecret().get().bytes().length;
      return n >= CookieSecretSource.MIN_BYTES ? Finding.pass(id(), "set in config (" + n + " bytes).")
          : Finding.fail(id(), "c.JupyterHub.cookie_secret has " + n + " bytes.", "use 32 random bytes: openssl rand -hex 32.");
    }
    if (!c.host().env().getOrDefault(CookieSecretSource.ENV, "").isBlank()) {
      int n = c.host().env().get(CookieSecretSource.ENV).strip().length() / 2;
      return n >= CookieSecretSource.MIN_BYTES ? Finding.pass(id(), "set in env " + CookieSecretSource.ENV + ".")
          : Finding.fail(id(), CookieSecretSource.ENV + " has " + n + " bytes.", "export " + CookieSecretSource.ENV + "=$(openssl rand -hex 32)");
    }
    var file = c.resolve(hub.cookieSecretFile());
    var attrs = Host.targetAttrs(file);
    if (attrs.isEmpty()) return Finding.pass(id(), file + " will be created with mode 0600 at first start.");
    if (attrs.get().notPrivate()) {
      return Finding.fail(id(), file + " has mode " + attrs.get().modeText() + "; anyone who reads it can forge logins.",
          "chmod 600 " + file);
    }
    try {
      String text = Files.readString(file).strip();
      if (text.length() / 2 < CookieSecretSource.MIN_BYTES) {
        return Finding.fail(id(), file + " holds fewer than 32 bytes.", "openssl rand -hex 32 > " + file + " && chmod 600 " + file);
      }
    } catch (java.io.IOException e) {
      return Finding.fail(id(), "cannot read " + file + ": " + e.getMessage(), "run the audit as the hub's user.");
    }
    return Finding.pass(id(), file + " is private (" + attrs.get().modeText() + ") and long enough.");
  }
}
