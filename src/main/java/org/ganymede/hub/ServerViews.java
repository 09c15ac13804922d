package org.ganymede.hub;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.ganymede.store.UserRecord;

/** What the API shows of a user's servers; the server lifecycle implements it. */
public interface ServerViews {
  Optional<String> defaultServerUrl(UserRecord user);

  Optional<String> defaultServerPending(UserRecord user);

  /** Server models by name, filtered by {@code visible}; {@code state} only where {@code stateVisible}. */
  Map<String, Object> models(UserRecord user, boolean includeStopped, Predicate<String> visible,
      Predicate<String> stateVisible);

  /** Whether the hub knows any server of the user, stopped ones included (their models are not cached). */
  default boolean hasServers(UserRecord user) {
    return false;
  }

  /** Whether any of the user's servers is running or pending (JupyterHub's {@code state=active}). */
  default boolean anyActive(UserRecord user) {
    return false;
  }

  /** Whether any of the user's servers is ready ({@code state=ready}). */
  default boolean anyReady(UserRecord user) {
    return false;
  }

  /** The newest last activity of the user's servers, stopped ones included; empty without servers. */
  default Optional<java.time.Instant> newestActivity(UserRecord user) {
    return Optional.empty();
  }

  /** No servers at all: a hub without a spawner (API-only tests). */
  static ServerViews none() {
    return new ServerViews() {
      @Override
      public Optional<String> defaultServerUrl(UserRecord user) {
        return Optional.empty();
      }

      @Override
      public Optional<String> defaultServerPending(UserRecord user) {
        return Optional.empty();
      }

      @Override
      public Map<String, Object> models(UserRecord user, boolean includeStopped, Predicate<String> visible,
          Predicate<String> stateVisible) {
        return Map.of();
      }
    };
  }
}
