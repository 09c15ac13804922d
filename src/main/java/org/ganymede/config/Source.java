package org.ganymede.config;

/**
 * Where a value came from: the built-in default, a line of a file, an environment variable or a
 * command-line option. {@link #toString()} is what messages and {@code --show-config} print.
 */
public record Source(Kind kind, String detail) {
  /** Ordered by precedence: a later kind overrides an earlier one for the same class and trait. */
  public enum Kind {
    DEFAULT,
    FILE,
    ENV,
    CLI
  }

  public static final Source DEFAULT = new Source(Kind.DEFAULT, "");

  public static Source file(String file, int line) {
    return new Source(Kind.FILE, file + ":" + line);
  }

  public static Source env(String name) {
    return new Source(Kind.ENV, name);
  }

  public static Source cli(String option) {
    return new Source(Kind.CLI, option);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DEFAULT -> "default";
      case FILE -> detail;
      case ENV -> "env " + detail;
      case CLI -> "CLI " + detail;
    };
  }
}
