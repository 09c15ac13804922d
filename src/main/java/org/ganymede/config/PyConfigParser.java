package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganymede.config.PyToken.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code jupyterhub_config.py} without running Python: a recursive-descent parser for the
 * statements administrators write — {@code c.Class.trait = <literal>} and friends. Anything else is
 * refused with {@code file:line: <what> is not supported; supported forms are …}; parsing goes on
 * at the next line so that every problem is reported at once.
 */
final class PyConfigParser {
  static final String SUPPORTED = "supported forms are c.Class.trait = <literal> (string, number, True, False,"
      + " None, list, tuple, set, dict, bytes.fromhex('...'), os.environ['X'], os.environ.get('X', default)),"
      + " c.Class.trait.update(...)/.append(...)/.extend(...)/.add(...), c = get_config(), import os,"
      + " from jupyterhub.auth import <a shipped plugin class>, comments";
  private static final Set<String> STATEMENT_KEYWORDS = Set.of("def", "class", "if", "elif", "else", "for", "while",
      "with", "try", "except", "finally", "return", "lambda", "from", "import", "global", "del", "assert", "async",
      "raise", "pass", "print", "exec", "yield", "match");

  private final List<PyToken> tokens;
  private final String file;
  private final Map<String, String> env;
  private final List<Assignment> assignments = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private int pos;
  private boolean osImported;
  /** Plugin classes imported with {@code from jupyterhub.auth import DummyAuthenticator}: name → class path. */
  private final Map<String, String> importedClasses = new java.util.HashMap<>();

  private PyConfigParser(List<PyToken> tokens, String file, Map<String, String> env) {
    this.tokens = tokens;
    this.file = file;
    this.env = env;
  }

  /** The assignments in file order; throws with every problem found when any statement is refused. */
  static List<Assignment> parse(String source, String file, Map<String, String> env) {
    PyConfigParser p = new PyConfigParser(PyTokenizer.tokenize(source, file), file, env);
    p.parseFile();
    if (!p.problems.isEmpty()) throw new ConfigException(p.problems);
    return p.assignments;
  }

  /** One Python literal, as traitlets reads a command-line value; empty when it is not one. */
  static java.util.Optional<JsonNode> literal(String text, Map<String, String> env) {
    try {
      PyConfigParser p = new PyConfigParser(PyTokenizer.tokenize(text, "<cli>"), "<cli>", env);
      p.osImported = true;
      JsonNode value = p.expression();
      return p.peek().kind() == Kind.NEWLINE || p.peek().kind() == Kind.EOF
          ? java.util.Optional.of(value) : java.util.Optional.empty();
    } catch (ConfigException | Refused e) {
      return java.util.Optional.empty();
    }
  }

  private void parseFile() {
    boolean previousRefused = false;
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.NEWLINE) {
        pos++;
        continue;
      }
      if (peek().kind() == Kind.INDENT && previousRefused) {
        skipLine(); // body of a refused block: one message is enough
        continue;
      }
      int line = peek().line();
      try {
        statement();
        previousRefused = false;
      } catch (Refused r) {
        problems.add(file + ":" + line + ": " + r.getMessage());
        previousRefused = true;
        skipLine();
      }
    }
  }

  private void statement() {
    PyToken first = peek();
    if (first.kind() == Kind.INDENT) throw unsupported("indented line (blocks)");
    if (first.isName("import")) {
      next();
      PyToken module = next();
      if (!module.isName("os") || peek().kind() != Kind.NEWLINE) {
        throw unsupported("'import " + module.text() + (peek().kind() == Kind.NEWLINE ? "" : " …") + "'");
      }
      osImported = true;
    } else if (first.isName("from")) {
      fromImport();
    } else if (first.kind() == Kind.NAME && STATEMENT_KEYWORDS.contains(first.text())) {
      throw unsupported("'" + first.text() + "' statement");
    } else if (first.isName("c") && tokens.get(pos + 1).isOp("=")) {
      pos += 2;
      if (!(next().isName("get_config") && next().isOp("(") && next().isOp(")"))) {
        throw unsupported("assigning c anything but get_config()");
      }
    } else if (first.isName("c") && tokens.get(pos + 1).isOp(".")) {
      traitStatement();
    } else if (first.kind() == Kind.STRING) {
      expression(); // a docstring or bare string: no effect, as in Python
    } else {
      throw unsupported(first.kind() == Kind.NAME ? "statement starting with '" + first.text() + "'"
          : "statement starting with " + first.shown());
    }
    endOfStatement();
  }

  /**
   * {@code from jupyterhub.auth import DummyAuthenticator [as D], ...}: allowed for the plugin
   * classes Ganymede ships, so that {@code c.JupyterHub.authenticator_class = DummyAuthenticator}
   * reads as the class path.
   */
  private void fromImport() {
    next();
    StringBuilder module = new StringBuilder(name("a module name after 'from'"));
    while (peek().isOp(".")) {
      next();
      module.append('.').append(name("a module name"));
    }
    if (!next().isName("import")) throw unsupported("'from " + module + " …' without import");
    do {
      String imported = name("a class name after 'import'");
      String alias = imported;
      if (peek().isName("as")) {
        next();
        alias = name("a name after 'as'");
      }
      String path = module + "." + imported;
      if (!Plugins.isKnownClassPath(path)) {
        throw unsupported("'from " + module + " import " + imported + "' (only the plugin classes Ganymede ships may be"
            + " imported: " + String.join(", ", Plugins.knownClassPaths()) + ")");
      }
      importedClasses.put(alias, path);
    } while (peek().isOp(",") && next().isOp(","));
  }

  private void traitStatement() {
    int line = next().line();
    expect(".");
    String className = name("a class name after 'c.'");
    expect(".");
    String trait = name("a trait name after 'c." + className + ".'");
    Source source = Source.file(file, line);
    if (peek().isOp("=")) {
      next();
      assignments.add(Assignment.set(className, trait, expression(), source));
    } else if (peek().isOp("+=")) {
      next();
      assignments.add(new Assignment(className, trait, Assignment.Op.EXTEND, expression(), source));
    } else if (peek().isOp(".")) {
      next();
      String method = name("a method name");
      Assignment.Op op = switch (method) {
        case "update" -> Assignment.Op.UPDATE;
        case "append", "add" -> Assignment.Op.APPEND;
        case "extend" -> Assignment.Op.EXTEND;
        default -> throw unsupported("method '" + method + "' on c." + className + "." + trait);
      };
      expect("(");
      JsonNode argument = expression();
      expect(")");
      if (op == Assignment.Op.UPDATE && !argument.isObject()) throw unsupported("update() with anything but a dict");
      if (op == Assignment.Op.EXTEND && !argument.isArray()) throw unsupported(method + "() with anything but a list");
      assignments.add(new Assignment(className, trait, op, argument, source));
    } else if (peek().kind() == Kind.NEWLINE) {
      throw unsupported("'c." + className + "." + trait + "' without assignment");
    } else {
      throw unsupported("operator " + peek().shown() + " after c." + className + "." + trait);
    }
  }

  /** literal | string+ | -number | container | known call. */
  private JsonNode expression() {
    JsonNode value = primary();
    if (peek().kind() == Kind.OP && Set.of("+", "-", "*", "/", "%", "**", "//", "|", "&", "<", ">", "==", "!=")
        .contains(peek().text())) {
      throw unsupported("expression with operator '" + peek().text() + "'");
    }
    if (peek().isName("if") || peek().isName("or") || peek().isName("and") || peek().isName("for")) {
      throw unsupported("'" + peek().text() + "' expression");
    }
    return value;
  }

  private JsonNode primary() {
    PyToken t = next();
    return switch (t.kind()) {
      case STRING, BYTES -> strings(t);
      case FSTRING -> throw unsupported("f-string " + t.shown().substring(7));
      case NUMBER -> Literals.of(t.value());
      case OP -> switch (t.text()) {
        case "-", "+" -> {
          PyToken n = next();
          if (n.kind() != Kind.NUMBER) throw unsupported("operator '" + t.text() + "' before " + n.shown());
          Object v = n.value();
          if (t.text().equals("+")) yield Literals.of(v);
          yield v instanceof Long l ? Literals.of(-l) : Literals.of(-(Double) v);
        }
        case "[" -> sequence("]");
        case "(" -> parenthesised();
        case "{" -> braces();
        default -> throw unsupported("operator " + t.shown());
      };
      case NAME -> named(t);
      default -> throw unsupported(t.shown() + " where a value was expected");
    };
  }

  private JsonNode strings(PyToken first) {
    boolean bytes = first.kind() == Kind.BYTES;
    StringBuilder text = new StringBuilder();
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    PyToken t = first;
    while (true) {
      if ((t.kind() == Kind.BYTES) != bytes) throw unsupported("mixing bytes and str literals");
      if (bytes) data.writeBytes((byte[]) t.value());
      else text.append((String) t.value());
      if (peek().kind() == Kind.STRING || peek().kind() == Kind.BYTES) {
        t = next();
      } else if (peek().kind() == Kind.FSTRING) {
        throw unsupported("f-string");
      } else {
        break;
      }
    }
    return bytes ? Literals.of(data.toByteArray()) : Literals.of(text.toString());
  }

  private JsonNode named(PyToken t) {
    switch (t.text()) {
      case "True":
        return Literals.of(true);
      case "False":
        return Literals.of(false);
      case "None":
        return Literals.none();
      case "bytes":
        if (peek().isOp(".")) {
          next();
          String method = name("a method of bytes");
          if (!method.equals("fromhex")) throw unsupported("bytes." + method + "(...)");
          expect("(");
          String hex = stringArgument("bytes.fromhex");
          expect(")");
          return Literals.of(fromHex(hex));
        }
        return emptyConstructor("bytes", Literals.of(new byte[0]));
      case "set", "list", "tuple", "frozenset":
        expect("(");
        if (peek().isOp(")")) {
          next();
          return Literals.NODES.arrayNode();
        }
        JsonNode items = expression();
        expect(")");
        if (!items.isArray()) throw unsupported(t.text() + "() of anything but a list, tuple or set literal");
        return items;
      case "dict":
        return emptyConstructor("dict", Literals.NODES.objectNode());
      case "os":
        return environment();
      default:
        if (importedClasses.containsKey(t.text()) && !peek().isOp("(")) return Literals.of(importedClasses.get(t.text()));
        if (peek().isOp("(")) throw unsupported("call of '" + t.text() + "(...)'");
        throw unsupported("name '" + t.text() + "'" + (STATEMENT_KEYWORDS.contains(t.text()) ? "" : " (only literals)"));
    }
  }

  private JsonNode emptyConstructor(String type, JsonNode empty) {
    expect("(");
    if (!peek().isOp(")")) throw unsupported(type + "(...) with arguments");
    next();
    return empty;
  }

  private JsonNode environment() {
    if (!osImported) throw unsupported("'os' used before 'import os'");
    expect(".");
    String attribute = name("environ or getenv after 'os.'");
    if (attribute.equals("getenv")) {
      return environmentGet("os.getenv");
    }
    if (!attribute.equals("environ")) throw unsupported("os." + attribute);
    if (peek().isOp("[")) {
      next();
      String variable = stringArgument("os.environ[...]");
      expect("]");
      String value = env.get(variable);
      if (value == null) {
        throw new Refused("environment variable '" + variable + "' is not set (os.environ['" + variable
            + "']); set it, or use os.environ.get('" + variable + "', default)");
      }
      return Literals.of(value);
    }
    expect(".");
    String method = name("get after 'os.environ.'");
    if (!method.equals("get")) throw unsupported("os.environ." + method + "(...)");
    return environmentGet("os.environ.get");
  }

  private JsonNode environmentGet(String what) {
    expect("(");
    String variable = stringArgument(what);
    JsonNode fallback = Literals.none();
    if (peek().isOp(",")) {
      next();
      if (!peek().isOp(")")) fallback = expression();
    }
    expect(")");
    String value = env.get(variable);
    return value == null ? fallback : Literals.of(value);
  }

  private String stringArgument(String what) {
    PyToken t = peek();
    if (t.kind() != Kind.STRING) throw unsupported(what + " with " + t.shown() + " instead of a string literal");
    return strings(next()).stringValue();
  }

  private byte[] fromHex(String hex) {
    String compact = hex.replaceAll("\\s", "");
    if (compact.length() % 2 != 0 || !compact.matches("[0-9a-fA-F]*")) {
      throw new Refused("bytes.fromhex(...) needs an even number of hexadecimal digits, got "
          + compact.length() + " characters; make a secret with: openssl rand -hex 32");
    }
    byte[] out = new byte[compact.length() / 2];
    for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
    return out;
  }

  private JsonNode sequence(String close) {
    ArrayNode items = Literals.NODES.arrayNode();
    while (!peek().isOp(close)) {
      items.add(expression());
      if (!peek().isOp(",")) break;
      next();
    }
    expect(close);
    return items;
  }

  /** ( ) is a tuple, (x) is x, (x,) and (x, y) are tuples. */
  private JsonNode parenthesised() {
    if (peek().isOp(")")) {
      next();
      return Literals.NODES.arrayNode();
    }
    JsonNode first = expression();
    if (peek().isOp(")")) {
      next();
      return first;
    }
    expect(",");
    ArrayNode items = Literals.NODES.arrayNode();
    items.add(first);
    items.addAll((ArrayNode) sequence(")"));
    return items;
  }

  /** {} is a dict; {k: v, …} a dict; {a, b} a set (held as a list; set traits de-duplicate). */
  private JsonNode braces() {
    if (peek().isOp("}")) {
      next();
      return Literals.NODES.objectNode();
    }
    JsonNode first = expression();
    if (!peek().isOp(":")) {
      ArrayNode items = Literals.NODES.arrayNode();
      items.add(first);
      if (peek().isOp(",")) {
        next();
        items.addAll((ArrayNode) sequence("}"));
      } else {
        expect("}");
      }
      return items;
    }
    ObjectNode dict = Literals.NODES.objectNode();
    JsonNode key = first;
    while (true) {
      expect(":");
      if (!key.isString()) throw unsupported("dict key " + Literals.repr(key) + " (keys must be strings)");
      dict.set(key.stringValue(), expression());
      if (!peek().isOp(",")) break;
      next();
      if (peek().isOp("}")) break;
      key = expression();
    }
    expect("}");
    return dict;
  }

  private void endOfStatement() {
    if (peek().isOp(";")) {
      next();
      return;
    }
    PyToken t = peek();
    if (t.kind() != Kind.NEWLINE && t.kind() != Kind.EOF) throw unsupported(t.shown() + " after the value");
  }

  private String name(String what) {
    PyToken t = next();
    if (t.kind() != Kind.NAME) throw unsupported(t.shown() + " where " + what + " was expected");
    return t.text();
  }

  private void expect(String op) {
    PyToken t = next();
    if (!t.isOp(op)) throw unsupported(t.shown() + " where '" + op + "' was expected");
  }

  private void skipLine() {
    while (peek().kind() != Kind.NEWLINE && peek().kind() != Kind.EOF) pos++;
  }

  private PyToken peek() {
    return tokens.get(pos);
  }

  private PyToken next() {
    PyToken t = tokens.get(pos);
    // a statement never reads past its own end; the caller moves on to the next line
    if (t.kind() != Kind.EOF && t.kind() != Kind.NEWLINE) pos++;
    return t;
  }

  private static Refused unsupported(String what) {
    return new Refused(what + " is not supported; " + SUPPORTED);
  }

  /** A statement the reader refuses; caught per statement so parsing continues. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
