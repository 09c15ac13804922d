package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** Trusted CI's review: kernels on the ipc transport (Unix sockets in the user's runtime dir), not on localhost TCP ports. */
final class KernelTransportCheck implements Check {
  public String id() { return "kernel-transport"; }

  public Finding run(AuditContext c) {
    for (String arg : c.config().spawner().args()) {
      if (arg.matches("--(KernelManager|ConnectionFileMixin)\\.transport=['\"]?tcp['\"]?")) {
        return Finding.fail(id(), "Spawner.args has " + arg + ": kernels listen on TCP ports that other local users can reach.",
            "remove " + arg + " from c.Spawner.args (Ganymede starts servers with --KernelManager.transport=ipc).");
      }
    }
    return Finding.pass(id(), "kernels use the ipc transport.");
  }
}
