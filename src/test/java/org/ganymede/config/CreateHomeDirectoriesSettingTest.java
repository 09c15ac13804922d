package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LocalProcessSpawner.create_home_directories: on for the local spawner, refused by name where it cannot work. */
class CreateHomeDirectoriesSettingTest {
  static HubConfig load(String... options) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(options), Map.of())).config();
  }

  @Test
  void theLocalSpawnerTakesIt() {
    assertThat(load("--LocalProcessSpawner.create_home_directories=True").spawner().createHomeDirectories()).isTrue();
    assertThat(load().spawner().createHomeDirectories()).isFalse();
  }

  @Test
  void theSudoSpawnerRefusesItSayingWhatToDoInstead() {
    assertThatThrownBy(() -> load("--JupyterHub.spawner_class=sudo", "--LocalProcessSpawner.create_home_directories=True"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("create_home_directories is not supported with the sudo spawner")
        .hasMessageContaining("pam_mkhomedir");
  }
}
