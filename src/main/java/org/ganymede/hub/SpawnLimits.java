package org.ganymede.hub;

import java.util.Collection;
import org.ganymede.http.HttpException;

/** The spawn limits of JupyterHub's config, checked before a server starts. */
final class SpawnLimits {
  private SpawnLimits() {}

  /**
   * 429 with Retry-After when concurrent_spawn_limit or active_server_limit is reached, counted in
   * {@code metrics} as JupyterHub counts it (throttled, too-many-users).
   */
  static void check(LifecycleSettings.Limits limits, Collection<UserServer> servers, HubMetrics metrics) {
    long pending = servers.stream().filter(x -> x.state().pending().filter("spawn"::equals).isPresent())
        .count();
    if (limits.concurrentSpawns() > 0 && pending >= limits.concurrentSpawns()) {
      metrics.spawn(HubMetrics.SpawnStatus.THROTTLED, java.time.Duration.ZERO);
      throw HttpException.tooMany("Too many users trying to log in right now (" + pending
          + " spawns pending, JupyterHub.concurrent_spawn_limit = " + limits.concurrentSpawns()
          + "); try again soon", 30 + (int) (Math.random() * 30));
    }
    long active = servers.stream().filter(x -> !x.state().stopped()).count();
    if (limits.activeServers() > 0 && active >= limits.activeServers()) {
      metrics.spawn(HubMetrics.SpawnStatus.TOO_MANY_USERS, java.time.Duration.ZERO);
      throw HttpException.tooMany("Active user limit exceeded (" + active
          + " servers, JupyterHub.active_server_limit = " + limits.activeServers() + "); try again later",
          30 + (int) (Math.random() * 30));
    }
  }

  /** 400 when named servers are off, or the user already has named_server_limit_per_user of them. */
  static void checkNamed(ServerLifecycle.NamedServers rule, Collection<UserServer> servers, String user,
      String name) {
    if (!rule.allowed()) {
      throw HttpException.badRequest("Named servers are not enabled (JupyterHub.allow_named_servers = False)");
    }
    if (rule.limitPerUser() > 0) {
      long named = servers.stream()
          .filter(x -> x.user().equals(user) && !x.name().isEmpty() && !x.name().equals(name)
              && !x.state().stopped())
          .count();
      if (named >= rule.limitPerUser()) {
        throw HttpException.badRequest("User " + user + " already has the maximum of "
            + rule.limitPerUser() + " named servers. One must be deleted before a new server can "
            + "be created");
      }
    }
  }
}
