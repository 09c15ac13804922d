package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML namespaced by class, as Zero-to-JupyterHub's {@code hub.config}:
 * {@code JupyterHub: {port: 8443}}. Streams the document to keep each trait's line number.
 */
final class YamlConfigReader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private YamlConfigReader() {}

  static List<Assignment> parse(String text, String file) {
    List<Assignment> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) return out; // empty file: all defaults
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(file + ":" + line(p) + ": the top level must be a mapping of class names, "
            + "e.g. 'JupyterHub: {port: 8443}'");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String className = p.currentName();
        int classLine = line(p);
        if (p.nextToken() != JsonToken.START_OBJECT) {
          if (p.currentToken() == JsonToken.VALUE_NULL) continue; // "JupyterHub:" with everything commented out
          problems.add(file + ":" + classLine + ": " + className + " must be a mapping of trait names to values, "
              + "e.g. '" + className + ": {trait: value}'");
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String trait = p.currentName();
          int traitLine = line(p);
          p.nextToken();
          JsonNode value = p.readValueAsTree();
          out.add(Assignment.set(className, trait, value, Source.file(file, traitLine)));
        }
      }
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":";
      throw new ConfigException(file + ":" + where + " not valid YAML: " + e.getOriginalMessage());
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return out;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
