package org.ganymede.hub;

import java.util.Map;

/** What the server lifecycle asks of a user's login around a spawn. */
public interface SpawnAuth {
  /**
   * Called before a spawn is accepted, on the requesting thread: with {@code refresh_pre_spawn}
   * the login is refreshed first. Throws a 403 when it has expired and the user must log in again.
   */
  void checkBeforeSpawn(String userName);

  /** Variables for the server's environment from the user's auth state ({@code Spawner.auth_state_env}). */
  Map<String, String> environment(String userName);

  /** No refresh, no environment: for hubs and tests that keep no auth state. */
  SpawnAuth NONE = new SpawnAuth() {
    @Override
    public void checkBeforeSpawn(String userName) {}

    @Override
    public Map<String, String> environment(String userName) {
      return Map.of();
    }
  };
}
