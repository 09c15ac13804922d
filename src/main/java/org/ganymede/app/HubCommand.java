package org.ganymede.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.config.ConfigException;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ganymede}: runs the hub. Every JupyterHub option ({@code --ip}, {@code --port},
 * {@code --Class.trait=value}, …) is passed to the config loader, which knows them all. Its
 * subcommands are registered by {@link Main#commandLine}.
 */
@Command(
    name = "ganymede",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {"A multi-user Jupyter hub, compatible with JupyterHub.",
        "Any JupyterHub option works: --ip, --port, --base-url, --log-level, --log-file, --no-ssl, --db,",
        "and any trait as --Class.trait=value (e.g. --JupyterHub.port=8443)."})
final class HubCommand implements Callable<Integer> {
  @Option(names = {"-f", "--config"}, description = "Config file: jupyterhub_config.py or YAML (.yaml/.yml).")
  Optional<Path> configFile = Optional.empty();

  @Option(names = "--generate-config", description = "Print a commented config with every option and exit.")
  boolean generateConfig;

  @Option(names = "--show-config", description = "Print the effective config and where each value came from.")
  boolean showConfig;

  @Unmatched List<String> traitArgs = new ArrayList<>();

  @Override
  public Integer call() {
    if (generateConfig) {
      System.out.print(ConfigOutput.template(configFile));
      return 0;
    }
    LoadedConfig loaded;
    try {
      loaded = load(configFile, traitArgs);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (showConfig) {
      System.out.print(ConfigOutput.report(loaded));
      return 0;
    }
    Logging.configure(loaded.config().hub().logLevel(), loaded.config().hub().extraLogFile());
    Ganymede hub;
    try {
      hub = Ganymede.start(loaded.config(), Path.of("").toAbsolutePath(), System.getenv());
    } catch (RuntimeException e) {
      System.err.println("ganymede: cannot start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
    System.out.println("Ganymede is running at " + hub.publicUrl());
    try {
      hub.awaitClosed();   // a signal, or POST /hub/api/shutdown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return hub.exitStatus();
  }

  static LoadedConfig load(Optional<Path> file, List<String> args) {
    return ConfigLoader.load(new ConfigSources(file, args, System.getenv()));
  }
}
