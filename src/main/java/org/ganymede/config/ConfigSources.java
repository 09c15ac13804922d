package org.ganymede.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to read: an optional config file ({@code .py}, {@code .yaml} or {@code .yml}; when empty,
 * {@code jupyterhub_config.py} in the working directory if present), the command-line options
 * that set traits ({@code --Class.trait=value}, {@code --port 8443}, {@code --no-ssl}, …) and the
 * environment.
 */
public record ConfigSources(Optional<Path> file, List<String> cliArgs, Map<String, String> env) {
  public ConfigSources {
    cliArgs = List.copyOf(cliArgs);
    env = Map.copyOf(env);
  }

  /** Nothing but defaults: no file (not even the working directory's), no options, no environment. */
  public static ConfigSources defaultsOnly() {
    return new ConfigSources(Optional.empty(), List.of(), Map.of());
  }
}
