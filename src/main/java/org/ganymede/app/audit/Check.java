package org.ganymede.app.audit;

import org.ganymede.app.check.Finding;

/** One item of the checklist. Never throws: a problem reading the host is itself a finding. */
interface Check {
  String id();

  Finding run(AuditContext context);
}
