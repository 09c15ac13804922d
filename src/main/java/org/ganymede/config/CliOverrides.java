package org.ganymede.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code --Class.trait=value} options and JupyterHub's aliases and flags, exactly as
 * traitlets does: a string trait takes the text as given (surrounding quotes removed), a bool
 * takes true/false/1/0, any other trait takes a Python literal ({@code --Authenticator.admin_users
 * '{"alice"}'}), and a list trait also takes a bare word as a one-element list.
 */
final class CliOverrides {
  /** JupyterHub's {@code aliases}: short option → Class.trait. */
  static final Map<String, String> ALIASES = aliases();
  /** JupyterHub's {@code flags}: option → Class.trait = True (or the level for --debug). */
  static final Map<String, String> FLAGS = flags();

  private CliOverrides() {}

  private static Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--no-ssl", "JupyterHub.confirm_no_ssl");
    f.put("--debug", "JupyterHub.log_level");
    f.put("--upgrade-db", "JupyterHub.upgrade_db");
    return f;
  }

  private static Map<String, String> aliases() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("--ip", "JupyterHub.ip");
    a.put("--port", "JupyterHub.port");
    a.put("--url", "JupyterHub.bind_url");
    a.put("--base-url", "JupyterHub.base_url");
    a.put("--log-level", "JupyterHub.log_level");
    a.put("--log-file", "JupyterHub.extra_log_file");
    a.put("--db", "JupyterHub.db_url");
    a.put("--pid-file", "JupyterHub.pid_file");
    a.put("--ssl-key", "JupyterHub.ssl_key");
    a.put("--ssl-cert", "JupyterHub.ssl_cert");
    return a;
  }

  /** The assignments the options make; problems go to {@code problems} so valid options are still checked. */
  static List<Assignment> parse(List<String> args, TraitCatalogue catalogue, Map<String, String> env,
      List<String> problems) {
    List<Assignment> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String option = eq < 0 ? arg : arg.substring(0, eq);
      if (FLAGS.containsKey(option) && eq < 0) {
        String[] target = FLAGS.get(option).split("\\.");
        JsonNode value = option.equals("--debug") ? Literals.of("DEBUG") : Literals.of(true);
        out.add(Assignment.set(target[0], target[1], value, Source.cli(option)));
        continue;
      }
      String target;
      if (ALIASES.containsKey(option)) {
        target = ALIASES.get(option);
      } else if (option.startsWith("--") && option.indexOf('.') > 2) {
        target = option.substring(2);
      } else {
        problems.add("CLI " + arg + ": unknown option" + Suggestions.hint(option, known())
            + "; options are --Class.trait=value, " + String.join(", ", ALIASES.keySet()) + ", "
            + String.join(", ", FLAGS.keySet()));
        continue;
      }
      String text;
      if (eq >= 0) {
        text = arg.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        text = args.get(++i);
      } else {
        problems.add("CLI " + arg + ": needs a value, e.g. " + option + "=VALUE");
        continue;
      }
      int dot = target.indexOf('.');
      String className = target.substring(0, dot);
      String traitName = target.substring(dot + 1);
      if (traitName.contains(".")) {
        problems.add("CLI " + arg + ": '" + target + "' is not Class.trait");
        continue;
      }
      Optional<Trait> trait = catalogue.hasClass(className) ? catalogue.find(className, traitName) : Optional.empty();
      JsonNode value = trait.map(t -> convert(t.type(), text, env)).orElse(Literals.of(text));
      out.add(Assignment.set(className, traitName, value, Source.cli(option + "=" + shown(trait, text))));
    }
    return out;
  }

  static JsonNode convert(TraitType type, String text, Map<String, String> env) {
    Optional<JsonNode> literal = PyConfigParser.literal(text, env);
    return switch (type) {
      case STRING, BYTES -> literal.filter(JsonNode::isString).filter(v -> isQuoted(text)).orElse(Literals.of(text));
      case LOG_LEVEL -> literal.filter(JsonNode::isIntegralNumber).orElse(Literals.of(text));
      case BOOL, OPTIONAL_BOOL -> switch (text.toLowerCase()) {
        case "true", "1" -> Literals.of(true);
        case "false", "0" -> Literals.of(false);
        default -> literal.orElse(Literals.of(text));
      };
      case STRING_LIST, STRING_SET, COMMAND -> literal.filter(v -> v.isArray() || isQuoted(text))
          .map(v -> v.isArray() ? v : Literals.of(List.of(v.stringValue())))
          .orElse(Literals.of(List.of(text)));
      default -> literal.orElse(Literals.of(text));
    };
  }

  private static boolean isQuoted(String text) {
    return text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0);
  }

  private static String shown(Optional<Trait> trait, String text) {
    return trait.isPresent() && trait.get().secret() ? "<secret>" : text;
  }

  private static List<String> known() {
    List<String> all = new ArrayList<>(ALIASES.keySet());
    all.addAll(FLAGS.keySet());
    return all;
  }
}
