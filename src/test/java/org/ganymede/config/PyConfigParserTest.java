package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PyConfigParserTest {
  private static JsonNode value(String literal) {
    return value(literal, Map.of());
  }

  private static JsonNode value(String literal, Map<String, String> env) {
    List<Assignment> a = PyConfigParser.parse("import os\nc.X.y = " + literal + "\n", "t.py", env);
    assertThat(a).hasSize(1);
    return a.get(0).value();
  }

  private static String problem(String source) {
    try {
      PyConfigParser.parse(source, "t.py", Map.of());
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0);
    }
    throw new AssertionError("no problem reported for: " + source);
  }

  @Test
  void readsEveryStringForm() {
    assertThat(value("'single'").stringValue()).isEqualTo("single");
    assertThat(value("\"double\"").stringValue()).isEqualTo("double");
    assertThat(value("'''triple\nline'''").stringValue()).isEqualTo("triple\nline");
    assertThat(value("\"\"\"tri'ple\"\"\"").stringValue()).isEqualTo("tri'ple");
    assertThat(value("r'C:\\path\\n'").stringValue()).isEqualTo("C:\\path\\n");
    assertThat(value("u'x'").stringValue()).isEqualTo("x");
    assertThat(value("'tab\\there\\n\\'q\\' \\x41\\u00e9 \\101'").stringValue()).isEqualTo("tab\there\n'q' Aé A");
    assertThat(value("'a' \"b\"\n").stringValue()).isEqualTo("ab");
    assertThat(value("('multi '\n   'line')").stringValue()).isEqualTo("multi line");
    assertThat(value("'unknown \\d escape'").stringValue()).isEqualTo("unknown \\d escape");
  }

  @Test
  void readsBytesLiteralsAndFromHex() {
    assertThat(value("b'ab\\x00\\xff'").binaryValue()).containsExactly('a', 'b', 0, (byte) 0xff);
    assertThat(value("bytes.fromhex('00ff 10')").binaryValue()).containsExactly(0, (byte) 0xff, 0x10);
    assertThat(value("rb'\\x00'").binaryValue()).containsExactly('\\', 'x', '0', '0');
  }

  @Test
  void readsNumbersBoolsAndNone() {
    assertThat(value("8443").asLong()).isEqualTo(8443);
    assertThat(value("-5").asLong()).isEqualTo(-5);
    assertThat(value("1_000").asLong()).isEqualTo(1000);
    assertThat(value("0x1F").asLong()).isEqualTo(31);
    assertThat(value("0o17").asLong()).isEqualTo(15);
    assertThat(value("0b101").asLong()).isEqualTo(5);
    assertThat(value("2.5").asDouble()).isEqualTo(2.5);
    assertThat(value("1e3").asDouble()).isEqualTo(1000.0);
    assertThat(value(".5").asDouble()).isEqualTo(0.5);
    assertThat(value("True").booleanValue()).isTrue();
    assertThat(value("False").booleanValue()).isFalse();
    assertThat(value("None").isNull()).isTrue();
  }

  @Test
  void readsContainersNestedAndMultiLineWithTrailingCommas() {
    assertThat(Literals.fullRepr(value("['a', 'b',]"))).isEqualTo("['a', 'b']");
    assertThat(Literals.fullRepr(value("('a',)"))).isEqualTo("['a']");
    assertThat(Literals.fullRepr(value("('a', 'b')"))).isEqualTo("['a', 'b']");
    assertThat(Literals.fullRepr(value("()"))).isEqualTo("[]");
    assertThat(Literals.fullRepr(value("{'alice', 'bob'}"))).isEqualTo("['alice', 'bob']");
    assertThat(Literals.fullRepr(value("set()"))).isEqualTo("[]");
    assertThat(Literals.fullRepr(value("set(['x'])"))).isEqualTo("['x']");
    assertThat(Literals.fullRepr(value("dict()"))).isEqualTo("{}");
    assertThat(Literals.fullRepr(value("{}"))).isEqualTo("{}");
    assertThat(Literals.fullRepr(value("""
        [
            {
                "name": "r",  # a comment inside
                "scopes": ["read:users", "list:users",],
                "nested": {"k": (1, 2.5, None, True)},
            },
        ]"""))).isEqualTo("[{'name': 'r', 'scopes': ['read:users', 'list:users'], 'nested': {'k': [1, 2.5, None, True]}}]");
  }

  @Test
  void readsEnvironmentLookups() {
    Map<String, String> env = Map.of("SECRET", "s3cret");
    assertThat(value("os.environ['SECRET']", env).stringValue()).isEqualTo("s3cret");
    assertThat(value("os.environ.get('SECRET', 'x')", env).stringValue()).isEqualTo("s3cret");
    assertThat(value("os.environ.get('MISSING', 'fallback')", env).stringValue()).isEqualTo("fallback");
    assertThat(value("os.environ.get('MISSING')", env).isNull()).isTrue();
    assertThat(value("os.getenv('SECRET')", env).stringValue()).isEqualTo("s3cret");
  }

  @Test
  void acceptsCommentsBlankLinesGetConfigDocstringsAndSemicolons() {
    List<Assignment> a = PyConfigParser.parse("""
        \"\"\"Module docstring.\"\"\"
        # Configuration file for jupyterhub.
        c = get_config()  #noqa

        c.JupyterHub.port = 1; c.JupyterHub.ip = '0.0.0.0'
        c.JupyterHub.base_url = \\
            '/jh/'
        """, "t.py", Map.of());
    assertThat(a).extracting(Assignment::key).containsExactly("JupyterHub.port", "JupyterHub.ip", "JupyterHub.base_url");
    assertThat(a.get(2).source().toString()).isEqualTo("t.py:6");
  }

  @Test
  void readsImportedPluginClassesAsTheirClassPaths() {
    List<Assignment> a = PyConfigParser.parse("""
        from jupyterhub.auth import DummyAuthenticator
        from jupyterhub.spawner import LocalProcessSpawner as LPS, SimpleLocalProcessSpawner
        c.JupyterHub.authenticator_class = DummyAuthenticator
        c.JupyterHub.spawner_class = LPS
        """, "t.py", Map.of());
    assertThat(a).extracting(x -> x.value().stringValue())
        .containsExactly("jupyterhub.auth.DummyAuthenticator", "jupyterhub.spawner.LocalProcessSpawner");
  }

  @Test
  void readsInPlaceModifications() {
    List<Assignment> a = PyConfigParser.parse("""
        c.Spawner.environment.update({'A': '1'})
        c.Spawner.args.append('--debug')
        c.Authenticator.admin_users.add('root')
        c.Spawner.args.extend(['-x'])
        c.Spawner.args += ['-y']
        """, "t.py", Map.of());
    assertThat(a).extracting(Assignment::op).containsExactly(Assignment.Op.UPDATE, Assignment.Op.APPEND,
        Assignment.Op.APPEND, Assignment.Op.EXTEND, Assignment.Op.EXTEND);
  }

  @Test
  void refusesUnsupportedStatementsNamingFileLineAndTheSupportedForms() {
    assertThat(problem("c = get_config()\n\ndef hook(spawner):\n    pass\n"))
        .startsWith("t.py:3: 'def' statement is not supported; supported forms are c.Class.trait = <literal>");
    assertThat(problem("import sys\n")).startsWith("t.py:1: 'import sys' is not supported;");
    assertThat(problem("from oauthenticator.bitbucket import BitbucketOAuthenticator\n"))
        .startsWith("t.py:1: 'from oauthenticator.bitbucket import BitbucketOAuthenticator' (only the plugin classes Ganymede ships"
            + " may be imported: jupyterhub.auth.PAMAuthenticator,");
    assertThat(problem("c.JupyterHub.port = 8000 + 1\n")).startsWith("t.py:1: expression with operator '+' is not supported;");
    assertThat(problem("c.Spawner.pre_spawn_hook = my_hook\n")).startsWith("t.py:1: name 'my_hook' (only literals) is not supported;");
    assertThat(problem("c.JupyterHub.ip = socket.gethostname()\n")).startsWith("t.py:1: name 'socket'");
    assertThat(problem("c.JupyterHub.ip = f'{x}'\n")).startsWith("t.py:1: f-string");
    assertThat(problem("if True:\n    c.JupyterHub.port = 1\n")).startsWith("t.py:1: 'if' statement is not supported;");
    assertThat(problem("c.JupyterHub.ip = os.environ['X']\n")).startsWith("t.py:1: 'os' used before 'import os' is not supported;");
    assertThat(problem("import os\nc.JupyterHub.ip = os.environ['NOPE']\n"))
        .isEqualTo("t.py:2: environment variable 'NOPE' is not set (os.environ['NOPE']); set it, or use os.environ.get('NOPE', default)");
    assertThat(problem("c.JupyterHub.cookie_secret = bytes.fromhex('abc')\n"))
        .startsWith("t.py:1: bytes.fromhex(...) needs an even number of hexadecimal digits");
    assertThat(problem("c.JupyterHub.ip = 'unterminated\n")).isEqualTo("t.py:1: string is not terminated before the end of the line");
    assertThat(problem("x = 1\n")).startsWith("t.py:1: statement starting with 'x' is not supported;");
    assertThat(problem("c.Spawner.args.pop()\n")).startsWith("t.py:1: method 'pop' on c.Spawner.args is not supported;");
  }

  @Test
  void reportsEveryRefusedStatementAtOnceAndOnlyOncePerBlock() {
    assertThatThrownBy(() -> PyConfigParser.parse("""
        import sys
        def f():
            return 1
            return 2
        c.JupyterHub.port = 8000 * 2
        """, "t.py", Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(p -> p.substring(0, p.indexOf(' ')))
            .containsExactly("t.py:1:", "t.py:2:", "t.py:5:"));
  }
}
