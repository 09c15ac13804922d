package org.ganymede.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration: reads the file, the environment and the command line, checks every
 * value once, and resolves the classes in use. Every problem is reported together in one
 * {@link ConfigException}.
 */
public final class ConfigLoader {
  /** The file JupyterHub reads from the working directory when no {@code -f} is given. */
  public static final String DEFAULT_FILE = "jupyterhub_config.py";

  private ConfigLoader() {}

  /** Loads from {@code sources}; without a file, reads {@code jupyterhub_config.py} here if present. */
  public static LoadedConfig load(ConfigSources sources) throws ConfigException {
    return load(sources, Optional.of(Path.of("")));
  }

  /** As {@link #load(ConfigSources)}, looking for the default file in {@code workingDirectory}. */
  public static LoadedConfig load(ConfigSources sources, Path workingDirectory) throws ConfigException {
    return load(sources, Optional.of(workingDirectory));
  }

  static LoadedConfig load(ConfigSources sources, Optional<Path> workingDirectory) {
    Optional<Path> file = sources.file();
    if (file.isEmpty() && workingDirectory.isPresent()) {
      Path candidate = workingDirectory.get().resolve(DEFAULT_FILE);
      if (Files.isRegularFile(candidate)) file = Optional.of(candidate);
    }
    TraitCatalogue catalogue = TraitCatalogue.jupyterHub();
    List<String> problems = new ArrayList<>();
    List<Assignment> assignments = new ArrayList<>();
    file.ifPresent(f -> collect(problems, assignments, () -> readFile(f, sources.env())));
    collect(problems, assignments, () -> fromEnvironment(sources.env()));
    assignments.addAll(CliOverrides.parse(sources.cliArgs(), catalogue, sources.env(), problems));
    Map<String, Assignment> merged = BindUrls.fold(new Validation(catalogue).check(assignments, problems), problems);
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return Resolution.resolve(catalogue, merged, file.map(Path::toString));
  }

  static List<Assignment> readFile(Path file, Map<String, String> env) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    String lower = name.toLowerCase();
    if (lower.endsWith(".py")) return PyConfigParser.parse(text, name, env);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return YamlConfigReader.parse(text, name);
    throw new ConfigException("config file " + file + ": unknown format; name it *.py (jupyterhub_config.py) "
        + "or *.yaml / *.yml");
  }

  /** {@code JPY_COOKIE_SECRET} (hex) and {@code CONFIGPROXY_AUTH_TOKEN}, as JupyterHub reads them. */
  static List<Assignment> fromEnvironment(Map<String, String> env) {
    List<Assignment> out = new ArrayList<>();
    String cookieSecret = env.get("JPY_COOKIE_SECRET");
    if (cookieSecret != null && !cookieSecret.isBlank()) {
      out.add(Assignment.set("JupyterHub", "cookie_secret", Literals.of(cookieSecret.strip()),
          Source.env("JPY_COOKIE_SECRET")));
    }
    String proxyToken = env.get("CONFIGPROXY_AUTH_TOKEN");
    if (proxyToken != null && !proxyToken.isEmpty()) {
      out.add(Assignment.set("ConfigurableHTTPProxy", "auth_token", Literals.of(proxyToken),
          Source.env("CONFIGPROXY_AUTH_TOKEN")));
    }
    return out;
  }

  private static void collect(List<String> problems, List<Assignment> into, java.util.function.Supplier<List<Assignment>> reader) {
    try {
      into.addAll(reader.get());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }
}
