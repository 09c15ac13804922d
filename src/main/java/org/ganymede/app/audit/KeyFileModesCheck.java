package org.ganymede.app.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;

/** Private keys (public TLS, self-signed, internal CA) readable only by their owner. */
final class KeyFileModesCheck implements Check {
  public String id() { return "key-file-modes"; }

  public Finding run(AuditContext c) {
    var hub = c.config().hub();
    List<Path> keys = new ArrayList<>();
    if (!hub.sslKey().isEmpty()) keys.add(c.resolve(hub.sslKey()));
    keys.add(c.workDir().resolve(org.ganymede.security.pki.SelfSignedCertificate.KEY_FILE));
    keys.add(c.resolve(hub.internalCertsLocation()).resolve("ca").resolve("ca.key"));
    List<String> open = new ArrayList<>();
    for (Path key : keys) {
      Host.targetAttrs(key).filter(Host.Attrs::readableByOthers).ifPresent(a -> open.add(key + " (" + a.modeText() + ")"));
    }
    if (open.isEmpty()) return Finding.pass(id(), "private keys are readable only by their owner.");
    return Finding.fail(id(), "private keys readable by group or others: " + String.join(", ", open) + ".",
        "chmod 600 " + String.join(" ", open.stream().map(s -> s.substring(0, s.indexOf(" ("))).toList()));
  }
}
