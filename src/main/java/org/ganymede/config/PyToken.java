package org.ganymede.config;

/** One token of a {@code jupyterhub_config.py} file. */
record PyToken(Kind kind, String text, Object value, int line) {
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    BYTES,
    FSTRING,
    OP,
    /** Leading whitespace on a logical line: the body of a block, which is never supported. */
    INDENT,
    NEWLINE,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return is(Kind.OP, t);
  }

  boolean isName(String t) {
    return is(Kind.NAME, t);
  }

  /** How the token reads in a message. */
  String shown() {
    return switch (kind) {
      case NEWLINE -> "end of line";
      case EOF -> "end of file";
      case INDENT -> "indented line";
      case STRING, BYTES, FSTRING -> "string " + shorten(text);
      default -> "'" + shorten(text) + "'";
    };
  }

  /** Keeps messages readable when a token is huge. */
  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 39) + "…";
  }
}
