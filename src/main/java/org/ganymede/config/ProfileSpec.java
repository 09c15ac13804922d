package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code Spawner.profiles}, KubeSpawner's {@code profile_list} keys for local
 * spawners: {@code display_name}, {@code slug}, {@code description}, {@code default},
 * {@code spawner_override} and {@code profile_options} (each with {@code display_name} and
 * {@code choices}, a choice with {@code display_name}, {@code default}, {@code spawner_override}).
 */
public record ProfileSpec(String displayName, String slug, String description, boolean isDefault,
    Override override, Map<String, OptionSpec> options) {
  public ProfileSpec {
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** A {@code profile_options} entry: its label and choices by slug, in config order. */
  public record OptionSpec(String displayName, Map<String, ChoiceSpec> choices) {
    public OptionSpec {
      choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
    }
  }

  public record ChoiceSpec(String displayName, boolean isDefault, Override override) {}

  /** {@code spawner_override}: the {@code Spawner.*} settings a profile may change; empty keeps the setting. */
  public record Override(Optional<List<String>> cmd, Optional<List<String>> args,
      Optional<Map<String, String>> environment, Optional<String> defaultUrl, Optional<Long> memLimit,
      Optional<Double> cpuLimit) {}
}
