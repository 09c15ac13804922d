package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --generate-config}: a commented configuration file listing every option with its
 * default and one line of help. Every option line is commented out, so the file as generated
 * loads to the defaults; uncommenting a line without editing it changes nothing either.
 */
public final class ConfigTemplate {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RULE = "#" + "-".repeat(78);

  /** The two file formats Ganymede reads, and the settings table of the README. */
  public enum Format {
    PYTHON,
    YAML,
    MARKDOWN
  }

  private ConfigTemplate() {}

  public static String render(Format format) {
    TraitCatalogue catalogue = TraitCatalogue.jupyterHub();
    if (format == Format.MARKDOWN) return markdown(catalogue);
    List<String> out = new ArrayList<>();
    if (format == Format.PYTHON) {
      out.add("# Ganymede configuration, in JupyterHub's jupyterhub_config.py form.");
      out.add("# Read without running Python: only c.Class.trait = <literal> assignments are allowed.");
      out.add("# Every option is listed with its default; uncomment a line to change it.");
      out.add("c = get_config()  # noqa");
    } else {
      out.add("# Ganymede configuration, namespaced by JupyterHub class (as Zero-to-JupyterHub's hub.config).");
      out.add("# Every option is listed with its default; uncomment a line to change it.");
    }
    for (String className : catalogue.classNames()) {
      List<Trait> traits = catalogue.declaredTraits(className);
      out.add("");
      if (format == Format.PYTHON) {
        out.add(RULE);
        out.add("# " + className + ": " + catalogue.classHelp(className));
        parentNote(catalogue, className).ifPresent(out::add);
        out.add(RULE);
      } else {
        out.add("# " + className + ": " + catalogue.classHelp(className));
        parentNote(catalogue, className).ifPresent(out::add);
        out.add(className + ":");
      }
      for (Trait t : traits) {
        if (format == Format.PYTHON) {
          out.add("");
          out.add("## " + refusal(t) + t.help() + bounds(t));
          out.add("# c." + className + "." + t.name() + " = " + python(t));
        } else {
          out.add("  ## " + refusal(t) + t.help() + bounds(t));
          out.add("  # " + t.name() + ": " + yaml(t.defaultValue()));
        }
      }
    }
    return String.join("\n", out) + "\n";
  }

  /**
   * Every setting with its default and whether Ganymede honours it: "yes", or the reason any
   * value but the default stops the start.
   */
  private static String markdown(TraitCatalogue catalogue) {
    List<String> out = new ArrayList<>();
    for (String className : catalogue.classNames()) {
      List<Trait> traits = catalogue.declaredTraits(className);
      if (traits.isEmpty()) continue;
      out.add("");
      out.add("**" + className + "** — " + catalogue.classHelp(className));
      out.add("");
      out.add("| Setting | Default | Supported |");
      out.add("|---|---|---|");
      for (Trait t : traits) {
        String value = t.secret() ? "(secret)" : python(t);
        if (value.length() > 40) value = value.substring(0, 37) + "...";
        String status = t.unsupported().map(why -> "only the default: " + why.replaceFirst("^not supported( yet)?: ", ""))
            .orElse("yes");
        out.add("| `" + t.name() + "` | `" + value.replace("|", "\\|") + "` | " + status.replace("|", "\\|") + " |");
      }
    }
    return String.join("\n", out).strip() + "\n";
  }

  private static String refusal(Trait t) {
    return t.unsupported().map(why -> "[only the default is accepted: " + why + "] ").orElse("");
  }

  private static java.util.Optional<String> parentNote(TraitCatalogue catalogue, String className) {
    List<String> chain = catalogue.chain(className);
    if (chain.size() < 2) return java.util.Optional.empty();
    return java.util.Optional.of("# (also takes every option of " + String.join(", ", chain.subList(1, chain.size())) + ")");
  }

  private static String bounds(Trait t) {
    List<String> notes = new ArrayList<>();
    if (t.type() == TraitType.INT && t.hasBounds()) {
      notes.add(Literals.number(t.min()) + ".." + (t.max() >= Integer.MAX_VALUE ? "" : Literals.number(t.max())));
    }
    if (!t.choices().isEmpty()) notes.add("one of " + String.join(", ", t.choices()));
    return notes.isEmpty() ? "" : " [" + String.join("; ", notes) + "]";
  }

  private static String python(Trait t) {
    JsonNode v = t.defaultValue();
    if (v.isBinary()) return "b''";
    if (t.type() == TraitType.STRING_SET && v.isEmpty()) return "set()";
    return Literals.fullRepr(v);
  }

  private static String yaml(JsonNode v) {
    return v.isBinary() ? "''" : JSON.writeValueAsString(v);
  }
}
