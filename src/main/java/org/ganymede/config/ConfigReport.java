package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --show-config}: the effective value of every trait of the classes in use, and where it
 * came from (default, file:line, env NAME or CLI option). Secrets show only their size.
 */
public final class ConfigReport {
  private ConfigReport() {}

  public static String render(LoadedConfig loaded) {
    List<String> out = new ArrayList<>();
    out.add("# Effective configuration" + loaded.file().map(f -> " (file " + f + ")").orElse(" (no config file)"));
    String current = "";
    for (Map.Entry<String, LoadedConfig.Origin> e : loaded.origins().entrySet()) {
      int dot = e.getKey().indexOf('.');
      String className = e.getKey().substring(0, dot);
      if (!className.equals(current)) {
        current = className;
        out.add("");
        out.add(className + ":");
      }
      LoadedConfig.Origin o = e.getValue();
      String from = o.source().toString() + (o.setOn().equals(className) || o.source().kind() == Source.Kind.DEFAULT
          ? "" : " via " + o.setOn());
      out.add(String.format("  %-28s = %s  # %s", e.getKey().substring(dot + 1), o.shown(), from));
    }
    if (!loaded.ignored().isEmpty()) {
      out.add("");
      out.add("# Set, but for classes not in use (ignored):");
      loaded.ignored().forEach((key, source) -> out.add("#   " + key + "  # " + source));
    }
    return String.join("\n", out) + "\n";
  }
}
