package org.ganymede.spawn.local;

import java.util.regex.Pattern;

/**
 * Quotes one word for a POSIX shell as Python's {@code shlex.quote} does, which JupyterHub uses
 * for {@code shell_cmd}: safe words stay bare, anything else goes in single quotes, and a single
 * quote inside becomes {@code '"'"'}.
 */
final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./-]+");

  private ShellQuote() {}

  static String quote(String word) {
    if (word.isEmpty()) return "''";
    if (SAFE.matcher(word).matches()) return word;
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
