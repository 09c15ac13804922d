package org.ganymede.app.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Status;
import org.ganymede.config.HubConfig;
import org.ganymede.http.Json;

/** Runs every check in the order of Trusted CI's review; renders text or JSON; the exit code is the worst status. */
public final class Audit {
  private Audit() {}

  static List<Check> checks(Clock clock) {
    return List.of(new TlsCheck(), new CertificateValidityCheck(clock), new KeyFileModesCheck(), new CookieSecretCheck(),
        new ProxyTokenCheck(), new NotRootCheck(), new SudoGrantCheck(), new ShadowGroupCheck(), new AdminAccessCheck(),
        new AllowedUsersCheck(), new DisableUserConfigCheck(), new SubdomainHostCheck(), new InternalTlsCheck(),
        new KernelTransportCheck(), new SingleUserWritableCheck(), new DatabaseFileCheck(), new SelinuxCheck(),
        new VersionsCheck());
  }

  public static List<Finding> run(HubConfig config, Path workDir, HostFacts host, Clock clock) {
    AuditContext context = new AuditContext(config, workDir, host);
    List<Finding> out = new ArrayList<>();
    for (Check check : checks(clock)) {
      try {
        out.add(check.run(context));
      } catch (RuntimeException e) {
        out.add(Finding.warn(check.id(), "the check itself failed: " + e, "report this as a Ganymede bug."));
      }
    }
    return out;
  }

  /** The worst status's: 0 PASS, 1 WARN, 2 FAIL. */
  public static int exitCode(List<Finding> findings) {
    return findings.stream().mapToInt(f -> exitCode(f.status())).max().orElse(0);
  }

  private static int exitCode(Status status) {
    return switch (status) {
      case PASS -> 0;
      case WARN -> 1;
      case FAIL -> 2;
    };
  }

  /** The audit's documented line: status, check id, why, then {@code Fix:} and the fix. */
  static String line(Finding f) {
    return String.format("%-4s %-22s %s%s", f.status(), f.check(), f.why(), f.fix().isEmpty() ? "" : " Fix: " + f.fix());
  }

  public static String text(List<Finding> findings) {
    StringBuilder b = new StringBuilder();
    findings.forEach(f -> b.append(line(f)).append('\n'));
    long warn = findings.stream().filter(f -> f.status() == Status.WARN).count();
    long fail = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    b.append(findings.size()).append(" checks: ").append(fail).append(" FAIL, ").append(warn).append(" WARN\n");
    return b.toString();
  }

  public static String json(List<Finding> findings) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("check", f.check());
      row.put("status", f.status().name());
      row.put("why", f.why());
      row.put("fix", f.fix());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("exit_code", exitCode(findings));
    doc.put("checks", rows);
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
  }
}
