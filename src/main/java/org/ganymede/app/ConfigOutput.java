package org.ganymede.app;

import java.nio.file.Path;
import java.util.Optional;
import org.ganymede.config.LoadedConfig;

/** {@code --generate-config} and {@code --show-config} text. */
final class ConfigOutput {
  private ConfigOutput() {}

  static String template(Optional<Path> file) {
    boolean yaml = file.map(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).orElse(false);
    return org.ganymede.config.ConfigTemplate.render(yaml ? org.ganymede.config.ConfigTemplate.Format.YAML
        : org.ganymede.config.ConfigTemplate.Format.PYTHON);
  }

  static String report(LoadedConfig loaded) {
    return org.ganymede.config.ConfigReport.render(loaded);
  }
}
