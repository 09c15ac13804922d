package org.ganymede.config;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.config.PyToken.Kind;

/**
 * Splits Python source into the tokens the config reader understands: names, numbers, strings
 * (quotes, triple quotes, r/b/u prefixes, escapes), operators and logical line ends (newlines
 * inside brackets, and after a backslash, do not end a line). A malformed token stops tokenizing
 * with a {@link ConfigException} naming file and line.
 */
final class PyTokenizer {
  private static final String OPERATORS_2 = "+= -= *= /= == != <= >= ** // -> :=";
  private static final String OPERATORS_1 = "()[]{},:.;=+-*/%<>@&|^~!";

  private final String src;
  private final String file;
  private final List<PyToken> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int depth;

  private PyTokenizer(String src, String file) {
    this.src = src;
    this.file = file;
  }

  static List<PyToken> tokenize(String src, String file) {
    String text = src.startsWith("\uFEFF") ? src.substring(1) : src; // editors on Windows add a BOM
    PyTokenizer t = new PyTokenizer(text.replace("\r\n", "\n"), file);
    t.run();
    return t.tokens;
  }

  private void run() {
    boolean lineStart = true;
    while (pos < src.length()) {
      char ch = src.charAt(pos);
      if (lineStart && depth == 0) {
        lineStart = false;
        int start = pos;
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) pos++;
        if (pos > start && pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '#') {
          tokens.add(new PyToken(Kind.INDENT, "", null, line));
        }
        continue;
      }
      if (ch == '\n') {
        if (depth == 0) {
          newline();
          lineStart = true;
        }
        line++;
        pos++;
      } else if (ch == ' ' || ch == '\t' || ch == '\f') {
        pos++;
      } else if (ch == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') pos++;
      } else if (ch == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
        line++;
      } else if (Character.isDigit(ch) || (ch == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
        number();
      } else if (Character.isLetter(ch) || ch == '_') {
        nameOrString();
      } else if (ch == '"' || ch == '\'') {
        string("");
      } else {
        operator();
      }
    }
    newline();
    tokens.add(new PyToken(Kind.EOF, "", null, line));
  }

  private void newline() {
    if (!tokens.isEmpty() && tokens.getLast().kind() != Kind.NEWLINE) {
      tokens.add(new PyToken(Kind.NEWLINE, "", null, line));
    }
  }

  private void operator() {
    String two = pos + 2 <= src.length() ? src.substring(pos, pos + 2) : "";
    String op;
    if (!two.isEmpty() && (" " + OPERATORS_2 + " ").contains(" " + two + " ")) {
      op = two;
    } else if (OPERATORS_1.indexOf(src.charAt(pos)) >= 0) {
      op = String.valueOf(src.charAt(pos));
    } else {
      throw error("character '" + src.charAt(pos) + "' is not supported");
    }
    if ("([{".contains(op)) depth++;
    if (")]}".contains(op) && depth > 0) depth--;
    tokens.add(new PyToken(Kind.OP, op, null, line));
    pos += op.length();
  }

  private void number() {
    int start = pos;
    String text;
    Object value;
    if (src.startsWith("0x", pos) || src.startsWith("0X", pos) || src.startsWith("0o", pos)
        || src.startsWith("0O", pos) || src.startsWith("0b", pos) || src.startsWith("0B", pos)) {
      pos += 2;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
      text = src.substring(start, pos);
      int radix = switch (Character.toLowerCase(text.charAt(1))) {
        case 'x' -> 16;
        case 'o' -> 8;
        default -> 2;
      };
      value = parseLong(text.substring(2).replace("_", ""), radix, text);
    } else {
      boolean isFloat = false;
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (Character.isDigit(c) || c == '_') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E') {
          isFloat = true;
          pos++;
          if ((c == 'e' || c == 'E') && pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) pos++;
        } else {
          break;
        }
      }
      text = src.substring(start, pos);
      if (pos < src.length() && (Character.isLetter(src.charAt(pos)))) {
        throw error("number '" + text + src.charAt(pos) + "…' is not supported");
      }
      try {
        value = isFloat ? (Object) Double.parseDouble(text.replace("_", "")) : parseLong(text.replace("_", ""), 10, text);
      } catch (NumberFormatException e) {
        throw error("number '" + text + "' is not valid");
      }
    }
    tokens.add(new PyToken(Kind.NUMBER, text, value, line));
  }

  private Long parseLong(String digits, int radix, String text) {
    try {
      return Long.parseLong(digits, radix);
    } catch (NumberFormatException e) {
      throw error("number '" + text + "' is not valid or too large");
    }
  }

  private void nameOrString() {
    int start = pos;
    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
    String word = src.substring(start, pos);
    if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
        && word.length() <= 2 && word.toLowerCase().matches("[rbuf]|rb|br|fr|rf")) {
      string(word.toLowerCase());
      return;
    }
    tokens.add(new PyToken(Kind.NAME, word, null, line));
  }

  private void string(String prefix) {
    int startLine = line;
    int start = pos;
    char quote = src.charAt(pos);
    boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
    pos += triple ? 3 : 1;
    boolean raw = prefix.contains("r");
    boolean bytes = prefix.contains("b");
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    while (true) {
      if (pos >= src.length()) {
        line = startLine;
        throw error("string is not terminated");
      }
      char c = src.charAt(pos);
      if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
        pos += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        if (!triple) {
          line = startLine;
          throw error("string is not terminated before the end of the line");
        }
        line++;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        if (raw) {
          text.append(c).append(src.charAt(pos + 1));
          if (src.charAt(pos + 1) == '\n') line++;
          pos += 2;
        } else {
          escape(text, bytes);
        }
        continue;
      }
      if (bytes && c > 127) throw error("bytes literal may only contain ASCII characters");
      text.append(c);
      pos++;
    }
    String literal = src.substring(start, pos);
    if (prefix.contains("f")) {
      tokens.add(new PyToken(Kind.FSTRING, prefix + literal, null, startLine));
    } else if (bytes) {
      for (int i = 0; i < text.length(); i++) data.write(text.charAt(i));
      tokens.add(new PyToken(Kind.BYTES, prefix + literal, data.toByteArray(), startLine));
    } else {
      tokens.add(new PyToken(Kind.STRING, prefix + literal, text.toString(), startLine));
    }
  }

  /** Decodes one backslash escape at pos; for bytes, \\x yields a raw byte kept as a char 0-255. */
  private void escape(StringBuilder out, boolean bytes) {
    char e = src.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '\n' -> line++;
      case '\\' -> out.append('\\');
      case '\'' -> out.append('\'');
      case '"' -> out.append('"');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case 'x' -> out.append((char) hex(2));
      case 'u' -> {
        if (bytes) out.append("\\u");
        else out.append((char) hex(4));
      }
      case 'U' -> {
        if (bytes) out.append("\\U");
        else out.appendCodePoint(hex(8));
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int value = e - '0';
          for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; i++) {
            value = value * 8 + (src.charAt(pos++) - '0');
          }
          out.append((char) value);
        } else {
          out.append('\\').append(e); // Python keeps unknown escapes as written
        }
      }
    }
  }

  private int hex(int digits) {
    if (pos + digits > src.length()) throw error("escape sequence is truncated");
    String h = src.substring(pos, pos + digits);
    pos += digits;
    try {
      return Integer.parseInt(h, 16);
    } catch (NumberFormatException e) {
      throw error("escape sequence '" + h + "' is not hexadecimal");
    }
  }

  private ConfigException error(String what) {
    return new ConfigException(file + ":" + line + ": " + what);
  }

}
