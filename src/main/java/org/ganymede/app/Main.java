package org.ganymede.app;

import picocli.CommandLine;

/** Entry point of the {@code ganymede} command: parses the command line and runs one command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; used by tests too. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new HubCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }
}
