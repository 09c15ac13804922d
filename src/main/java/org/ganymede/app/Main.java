package org.ganymede.app;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of the {@code ganymede} command: parses the command line and runs one command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // SQLite's native library is checked and loaded (~40 ms) while the command line and the config
    // are read, instead of after; a failure here is reported by the real load later. SLF4J is
    // bound first: the loader logs, and a binding raced from two threads hands one of them a
    // substitute factory that Logging cannot configure.
    org.slf4j.LoggerFactory.getILoggerFactory();
    Thread.ofPlatform().daemon().name("sqlite-preload").start(() -> {
      try {
        org.sqlite.SQLiteJDBCLoader.initialize();
      } catch (Exception | LinkageError ignored) {
        // the database layer loads it again and reports what is wrong
      }
    });
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; used by tests too. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /**
   * The command line for {@code args}. Picocli reads a command's annotations by reflection, and
   * loads the types they name, when the command is registered: for all nine subcommands that was
   * ~0.1 s of every hub start, on a cold JVM. So a subcommand is registered only when an argument
   * names it, and all of them when help is asked for (the usage lists them); anything else is a
   * hub run, which picocli parses exactly as before.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new HubCommand());
    List<String> words = Arrays.asList(args);
    boolean help = words.contains("-h") || words.contains("--help");
    for (Subcommand subcommand : SUBCOMMANDS) {
      if (help || words.contains(subcommand.name())) {
        cli.addSubcommand(subcommand.name(), subcommand.command().get());
      }
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** A subcommand of {@code ganymede}, built when registered. */
  private record Subcommand(String name, Supplier<Object> command) {}

  /** Every subcommand, in the order the usage lists them. */
  private static final List<Subcommand> SUBCOMMANDS = List.of(
      new Subcommand("token", TokenCommand::new),
      new Subcommand("upgrade-db", UpgradeDbCommand::new),
      new Subcommand("import-jupyterhub", ImportJupyterHubCommand::new),
      new Subcommand("proxy", ProxyCommand::new),
      new Subcommand("setup", SetupCommand::new),
      new Subcommand("doctor", DoctorCommand::new),
      new Subcommand("spawn-helper", SpawnHelperCommand::new),
      new Subcommand("check-login", CheckLoginCommand::new),
      new Subcommand("audit", org.ganymede.app.audit.AuditCommand::new),
      new Subcommand("cds-training", CdsTrainingCommand::new));
}
