package org.ganymede.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.ganymede.model.ServerState;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jupyterhub-idle-culler built in: every {@code cull_every} it stops running servers idle for
 * {@code timeout} (or older than {@code max_age}), and with {@code cull_users} deletes idle users
 * whose servers are all stopped. "Idle" is measured from a server's {@code last_activity}, which
 * the servers' own reports (kernel and terminal activity) and the proxy's traffic keep moving (see
 * {@link ServerActivity}), so a server with a busy kernel is never culled.
 *
 * <p>Same decisions as the external culler, without its API round trips: pending servers are left
 * alone; a named server is removed instead of stopped with {@code remove_named_servers}; a user
 * whose server did not finish stopping within the wait is kept for the next round.
 */
public final class IdleCuller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdleCuller.class);
  /** How long one cull waits for a server to stop before counting it as still alive. */
  static final Duration STOP_WAIT = Duration.ofSeconds(60);

  /**
   * The culler's options, as jupyterhub-idle-culler's.
   *
   * @param maxAge {@link Duration#ZERO} for no limit
   * @param concurrency most servers stopped at once; 0 for no limit
   */
  public record Rules(Duration timeout, Duration maxAge, boolean cullUsers, boolean cullAdminUsers,
      boolean cullDefaultServers, boolean cullNamedServers, boolean removeNamedServers, int concurrency) {
    public Rules {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("IdleCuller.timeout must be at least 1 second, got " + timeout.toSeconds());
      }
    }
  }

  /** What one round did: servers as {@code user/name} ({@code user/} for the default), users by name. */
  public record Round(List<String> culledServers, List<String> culledUsers) {}

  private final Rules rules;
  private final ServerLifecycle lifecycle;
  private final Users users;
  private final Directory dir;
  private final Clock clock;
  private final ExecutorService stops = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("cull-", 0).factory());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("idle-culler").daemon().factory());

  public IdleCuller(Rules rules, ServerLifecycle lifecycle, Users users, Directory dir, Clock clock) {
    this.rules = rules;
    this.lifecycle = lifecycle;
    this.users = users;
    this.dir = dir;
    this.clock = clock;
  }

  /** Culls every {@code every}, the first time one interval from now. */
  public void start(Duration every) {
    log.info("idle culler: servers idle for {}s{} are stopped, checked every {}s", rules.timeout().toSeconds(),
        rules.maxAge().isZero() ? "" : " or older than " + rules.maxAge().toSeconds() + "s", every.toSeconds());
    timer.scheduleWithFixedDelay(this::cullQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cullQuietly() {
    try {
      cullOnce();
    } catch (RuntimeException e) {
      log.warn("idle culling failed: {}", e.getMessage(), e);
    }
  }

  /** One round: the servers first (a user with a running server cannot be deleted), then the users. */
  public Round cullOnce() {
    Instant now = clock.instant();
    Semaphore slots = new Semaphore(rules.concurrency() > 0 ? rules.concurrency() : Integer.MAX_VALUE);
    List<UserServer> idle = new ArrayList<>();
    for (UserServer s : lifecycle.allServers()) {
      if (shouldCull(s, now)) idle.add(s);
    }
    List<Future<Boolean>> culls = new ArrayList<>();
    for (UserServer s : idle) {
      culls.add(stops.submit(() -> {
        slots.acquire();
        try {
          return cull(s);
        } finally {
          slots.release();
        }
      }));
    }
    List<String> culledServers = new ArrayList<>();
    for (int i = 0; i < idle.size(); i++) {
      if (await(culls.get(i), idle.get(i))) culledServers.add(idle.get(i).user() + "/" + idle.get(i).name());
    }
    List<String> culledUsers = rules.cullUsers() ? cullUsers(now) : List.of();
    return new Round(List.copyOf(culledServers), culledUsers);
  }

  /**
   * Running (not pending) and idle past the timeout (a default or named server only when those are
   * culled), or older than max_age (any server), as jupyterhub-idle-culler decides.
   */
  private boolean shouldCull(UserServer s, Instant now) {
    if (s.state() != ServerState.RUNNING) return false;
    Duration inactive = Duration.between(s.lastActivity(), now);
    boolean kind = s.name().isEmpty() ? rules.cullDefaultServers() : rules.cullNamedServers();
    if (kind && inactive.compareTo(rules.timeout()) >= 0) {
      log.info("Culling the {} (inactive for {}s)", s.displayName(), inactive.toSeconds());
      return true;
    }
    Duration age = Duration.between(s.requested(), now);
    if (!rules.maxAge().isZero() && age.compareTo(rules.maxAge()) >= 0) {
      log.info("Culling the {} (age: {}s, inactive for {}s)", s.displayName(), age.toSeconds(), inactive.toSeconds());
      return true;
    }
    return false;
  }

  /** Stops (or removes) {@code s}; true when it stopped within the wait. */
  private boolean cull(UserServer s) {
    boolean stopped = !s.name().isEmpty() && rules.removeNamedServers()
        ? lifecycle.remove(s.user(), s.name(), STOP_WAIT)
        : lifecycle.stop(s.user(), s.name(), STOP_WAIT);
    if (!stopped) log.warn("Server {} is slow to stop", s.displayName());
    return stopped;
  }

  private boolean await(Future<Boolean> cull, UserServer s) {
    try {
      return cull.get();
    } catch (java.util.concurrent.ExecutionException e) {
      log.warn("culling {} failed: {}", s.displayName(), e.getCause().getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Users with no server left running or pending, idle past the timeout or older than max_age. */
  private List<String> cullUsers(Instant now) {
    List<String> culled = new ArrayList<>();
    for (UserRecord u : dir.users()) {
      if (lifecycle.serversOf(u.name()).stream().anyMatch(s -> !s.state().stopped())) continue;
      if (u.admin() && !rules.cullAdminUsers()) continue;
      Duration age = Duration.between(u.created(), now);
      Duration inactive = Duration.between(u.lastActivity().orElse(u.created()), now);
      boolean idle = inactive.compareTo(rules.timeout()) >= 0;
      boolean old = !rules.maxAge().isZero() && age.compareTo(rules.maxAge()) >= 0;
      if (!idle && !old) continue;
      log.info("Culling user {} (inactive for {}s)", u.name(), inactive.toSeconds());
      try {
        lifecycle.stopAll(u.name(), STOP_WAIT);
        users.delete(u.name());
        culled.add(u.name());
      } catch (RuntimeException e) {
        log.warn("culling user {} failed: {}", u.name(), e.getMessage());
      }
    }
    return List.copyOf(culled);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    stops.shutdownNow();
  }
}
