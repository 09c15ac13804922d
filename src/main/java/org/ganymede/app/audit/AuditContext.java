package org.ganymede.app.audit;

import java.nio.file.Path;
import org.ganymede.config.HubConfig;

/** The configuration under audit, the directory it is relative to, and the host. */
record AuditContext(HubConfig config, Path workDir, HostFacts host) {
  Path resolve(String file) {
    return workDir.resolve(file);
  }
}
