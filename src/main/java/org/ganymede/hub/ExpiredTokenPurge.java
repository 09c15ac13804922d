package org.ganymede.hub;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired API/OAuth tokens and forgets expired OAuth codes: once at start, then hourly, as
 * JupyterHub's {@code purge_expired_tokens}. It only keeps the store small: an expired token or
 * code is refused from the instant it expires, purged or not.
 */
public final class ExpiredTokenPurge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExpiredTokenPurge.class);
  /** JupyterHub's {@code purge_expired_tokens_interval} (not configurable there either). */
  public static final Duration INTERVAL = Duration.ofHours(1);

  /** Runs a task every {@code interval}; closing it stops the runs. Tests run the task by hand. */
  @FunctionalInterface
  public interface Scheduler {
    AutoCloseable every(Duration interval, Runnable task);
  }

  private final Tokens tokens;
  private final OAuthProvider oauth;
  private final AutoCloseable schedule;

  private ExpiredTokenPurge(Tokens tokens, OAuthProvider oauth, Scheduler scheduler) {
    this.tokens = tokens;
    this.oauth = oauth;
    purgeNow();
    this.schedule = scheduler.every(INTERVAL, this::purgeNow);
  }

  /** Purges now, then every {@link #INTERVAL} on {@code scheduler}. */
  public static ExpiredTokenPurge start(Tokens tokens, OAuthProvider oauth, Scheduler scheduler) {
    return new ExpiredTokenPurge(tokens, oauth, scheduler);
  }

  /** A scheduler on one daemon thread of its own. */
  public static Scheduler daemonThread() {
    return (interval, task) -> {
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("token-purge").daemon().factory());
      timer.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
      return timer::shutdownNow;
    };
  }

  /** One purge; a failure is logged and the next run tries again (an exception would end the schedule). */
  void purgeNow() {
    try {
      int gone = tokens.purgeExpired();
      int codes = oauth.purgeExpiredCodes();
      if (gone + codes > 0) log.info("purged {} expired tokens and {} expired OAuth codes", gone, codes);
    } catch (RuntimeException e) {
      log.warn("purging expired tokens failed, will retry in {}: {}", INTERVAL, e.toString());
    }
  }

  @Override
  public void close() throws Exception {
    schedule.close();
  }
}
