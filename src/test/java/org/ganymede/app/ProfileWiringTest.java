package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.config.SpawnerSettings;
import org.junit.jupiter.api.Test;

class ProfileWiringTest {
  private static SpawnerSettings spawner(String... args) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(args), Map.of())).config().spawner();
  }

  @Test
  void theSudoSpawnerRefusesAProfileWhoseCommandItWouldSilentlyIgnore() {
    SpawnerSettings sp = spawner("--JupyterHub.spawner_class=sudo", "--Spawner.profiles=[{'display_name': 'A'},"
        + " {'display_name': 'B', 'profile_options': {'v': {'display_name': 'V', 'choices': {"
        + "'x': {'display_name': 'X', 'spawner_override': {'args': ['--x']}}}}}}]");
    assertThatThrownBy(() -> ServerWiring.profiles(sp)).isInstanceOf(StartupException.class)
        .hasMessageStartingWith("Spawner.profiles[1] ('b') overrides cmd or args, which SudoSpawner does not use");
  }

  @Test
  void theSudoSpawnerTakesProfilesThatChangeOnlyTheEnvironmentAndLimits() {
    SpawnerSettings sp = spawner("--JupyterHub.spawner_class=sudo",
        "--Spawner.profiles=[{'display_name': 'A', 'spawner_override': {'environment': {'K': 'v'}, 'mem_limit': '1G'}}]");
    assertThat(ServerWiring.profiles(sp).profiles()).hasSize(1);
  }
}
