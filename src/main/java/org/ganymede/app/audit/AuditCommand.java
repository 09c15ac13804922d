package org.ganymede.app.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.config.ConfigException;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code ganymede audit [-f config] [--json] [--Class.trait=value ...]}: exit 0 clean, 1 warnings, 2 failures. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Check the configuration and this host against the JupyterHub security checklist.",
        "One line per check: PASS/WARN/FAIL, why, and the fix. Exit code 0 clean, 1 warnings, 2 failures."})
public final class AuditCommand implements Callable<Integer> {
  @Option(names = {"-f", "--config"}, description = "Config file: jupyterhub_config.py or YAML.")
  Optional<Path> configFile = Optional.empty();

  @Option(names = "--json", description = "Print JSON for machines.")
  boolean json;

  @Unmatched List<String> traitArgs = new ArrayList<>();

  @Override
  public Integer call() {
    var config = loadOrNull();
    if (config == null) return 2;
    var findings = Audit.run(config, Path.of("").toAbsolutePath(), HostFacts.real(), Clock.systemUTC());
    System.out.print(json ? Audit.json(findings) : Audit.text(findings));
    return Audit.exitCode(findings);
  }

  private org.ganymede.config.HubConfig loadOrNull() {
    try {
      return ConfigLoader.load(new ConfigSources(configFile, traitArgs, System.getenv())).config();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return null;
    }
  }
}
