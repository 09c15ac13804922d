package org.ganymede.app;

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
    CommandLine cli = new CommandLine(new HubCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }
}
