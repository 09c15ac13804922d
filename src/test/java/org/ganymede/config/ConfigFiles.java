package org.ganymede.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helper: writes a config file into a temporary directory and loads it. */
final class ConfigFiles {
  private ConfigFiles() {}

  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LoadedConfig load(Path dir, String name, String text) {
    return load(dir, name, text, List.of(), Map.of());
  }

  static LoadedConfig load(Path dir, String name, String text, List<String> cli, Map<String, String> env) {
    Path file = write(dir, name, text);
    return ConfigLoader.load(new ConfigSources(Optional.of(file), cli, env), dir);
  }

  static HubConfig py(Path dir, String text) {
    return load(dir, "jupyterhub_config.py", text).config();
  }
}
