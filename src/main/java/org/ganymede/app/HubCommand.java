package org.ganymede.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ganymede}: runs the hub. Subcommands are listed in {@link Command#subcommands()}. */
@Command(
    name = "ganymede",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A multi-user Jupyter hub, compatible with JupyterHub.",
    subcommands = {ProxyCommand.class})
final class HubCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("the hub is not wired yet");
    return 0;
  }
}
