package org.ganymede.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RouteStore;
import org.ganymede.store.ServerRows;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When users and their servers were last active, from two sources: the servers' own reports
 * ({@code POST /users/NAME/activity}, sent by {@code jupyterhub-singleuser}) and the traffic the
 * proxy forwards, which the proxy only notes in memory and this class pulls every
 * {@code JupyterHub.last_activity_interval} (JupyterHub's {@code update_last_activity}).
 *
 * <p>Times only move forward. A user's time is the newest of its own reports and its servers'.
 */
public final class ServerActivity implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerActivity.class);
  /** JupyterHub refuses reports from further ahead than this: a server's clock is wrong. */
  private static final Duration MAX_AHEAD = Duration.ofMinutes(59);

  private final Directory dir;
  private final Users users;
  private final ServerLifecycle lifecycle;
  private final RouteStore routes;
  private final Clock clock;
  private final ScheduledExecutorService puller = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("activity-puller").daemon().factory());

  public ServerActivity(Directory dir, Users users, ServerLifecycle lifecycle, RouteStore routes, Clock clock) {
    this.dir = dir;
    this.users = users;
    this.lifecycle = lifecycle;
    this.routes = routes;
    this.clock = clock;
  }

  /**
   * 400 unless {@code user} has a server {@code name}: the default server always counts (JupyterHub
   * keeps a spawner row for it), a named one while the hub knows it.
   */
  public void requireServer(String user, String name) {
    if (!name.isEmpty() && lifecycle.server(user, name).isEmpty()) {
      throw HttpException.badRequest("No such server '" + name + "' for user " + user);
    }
  }

  /**
   * Records a report: the user's own time and its servers' times. Every part is checked first,
   * so a bad report records nothing.
   *
   * @throws HttpException 400 for an unknown server or a time more than 59 minutes ahead
   */
  public void report(String user, Optional<Instant> userTime, Map<String, Instant> serverTimes) {
    serverTimes.forEach((name, when) -> {
      requireServer(user, name);
      requireNotAhead(when);
    });
    userTime.ifPresent(this::requireNotAhead);
    Instant newest = userTime.orElse(Instant.EPOCH);
    Map<UserServer, Instant> moved = new LinkedHashMap<>();
    for (var e : serverTimes.entrySet()) {
      if (e.getValue().isAfter(newest)) newest = e.getValue();
      lifecycle.server(user, e.getKey()).filter(s -> s.recordActivity(e.getValue()))
          .ifPresent(s -> moved.put(s, e.getValue()));
    }
    save(moved);
    if (newest.isAfter(Instant.EPOCH)) users.recordActivity(user, newest);
  }

  private void requireNotAhead(Instant when) {
    if (Duration.between(clock.instant(), when).compareTo(MAX_AHEAD) > 0) {
      throw HttpException.badRequest("Rejecting activity from more than an hour in the future: " + Json.time(when));
    }
  }

  /**
   * Pulls the proxy's activity: each user route's last traffic moves its server's and its user's
   * time forward. Routes of servers the hub does not know are left to route reconciliation.
   *
   * @throws IllegalStateException when the proxy does not list its routes; the message says so
   */
  public void pullFromProxy() {
    Map<String, ProxyRoute> all = ProxyCalls.await(routes.list(), "listing the proxy's routes");
    Map<UserServer, Instant> moved = new LinkedHashMap<>();
    Map<String, Instant> userTimes = new LinkedHashMap<>();
    for (ProxyRoute route : all.values()) {
      Object user = route.data().get("user");
      Object server = route.data().get("server_name");
      if (user == null || server == null || route.lastActivity().isEmpty()) continue;
      Instant when = route.lastActivity().get();
      lifecycle.server(user.toString(), server.toString()).ifPresent(s -> {
        if (s.recordActivity(when)) moved.put(s, when);
        userTimes.merge(s.user(), s.lastActivity(), (a, b) -> a.isAfter(b) ? a : b);
      });
    }
    save(moved);
    users.recordActivity(userTimes);
  }

  /** Pulls the proxy's activity, then drops stale routes, every {@code every} (JupyterHub's order). */
  public void startPulling(Duration every) {
    long millis = every.toMillis();
    puller.scheduleWithFixedDelay(this::pullAndReconcile, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void pullAndReconcile() {
    try {
      pullFromProxy();
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) return; // the hub is shutting down
      log.warn("pulling activity from the proxy: {}", e.getMessage());
    }
    lifecycle.reconcileRoutes();
  }

  /** Writes the new times of servers that have a row (running or pending ones). */
  private void save(Map<UserServer, Instant> moved) {
    if (moved.isEmpty()) return;
    dir.db().transaction(c -> {
      for (var e : moved.entrySet()) {
        Optional<UserRecord> u = dir.user(e.getKey().user());
        if (u.isPresent()) ServerRows.touch(c, u.get().id(), e.getKey().name(), e.getValue());
      }
      return null;
    });
  }

  @Override
  public void close() {
    puller.shutdownNow();
  }
}
