package org.ganymede.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganymede.spawn.sudo.SpawnHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ganymede spawn-helper}: the program the installed launcher runs as a user through sudo;
 * one JSON request on stdin, one JSON reply on stdout (see {@link SpawnHelper}).
 */
@Command(name = "spawn-helper", hidden = true, description = "Run by sudo as a user to start or signal that user's server.")
final class SpawnHelperCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The helper's root-owned config file.")
  Path config;

  @Option(names = "--check", description = "Load the config and say who would run what; for ganymede doctor.")
  boolean check;

  @Option(names = "--mkhomedir", description = "As root: make the missing home of the member named on stdin.")
  boolean mkhomedir;

  @Option(names = "--users-group", description = "With --mkhomedir: the group whose members may get a home.")
  String usersGroup = "";

  @Override
  public Integer call() {
    // stdout carries the reply and nothing else: the launcher selects SLF4J's no-op provider
    // (-Dslf4j.provider), so logback never starts and never prints to the console.
    if (mkhomedir) {
      if (usersGroup.isBlank()) {
        System.out.println("{\"error\":\"--mkhomedir needs --users-group (the launcher adds it)\"}");
        return 2;
      }
      return SpawnHelper.makeHome(usersGroup, System.in, System.out);
    }
    return check ? SpawnHelper.check(config, System.out) : SpawnHelper.run(config, System.in, System.out);
  }
}
