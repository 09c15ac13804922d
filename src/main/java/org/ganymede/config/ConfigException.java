package org.ganymede.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, each prefixed with where it came
 * from ({@code jupyterhub_config.py:12: …}, {@code CLI --JupyterHub.port=x: …}), so an
 * administrator can fix them all in one pass.
 */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Every problem, one line each, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    if (problems.size() == 1) return "configuration error: " + problems.get(0);
    return problems.size() + " configuration errors:\n  " + String.join("\n  ", problems);
  }
}
