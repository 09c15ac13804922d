package org.ganymede.config;

/** The spawners Ganymede ships, chosen by {@code JupyterHub.spawner_class}. */
public enum SpawnerKind {
  LOCAL_PROCESS("LocalProcessSpawner"),
  SIMPLE("SimpleLocalProcessSpawner"),
  SUDO("SudoSpawner");

  private final String configClass;

  SpawnerKind(String configClass) {
    this.configClass = configClass;
  }

  /** The JupyterHub class whose traits configure this spawner. */
  public String configClass() {
    return configClass;
  }
}
