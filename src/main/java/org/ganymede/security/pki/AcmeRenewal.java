package org.ganymede.security.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an ACME certificate fresh: on each check (at start, then every {@link #CHECK_EVERY}),
 * renews when the stored certificate is missing or has fewer than {@link #RENEW_BEFORE} left.
 * A failed renewal is one log line and is retried at the next check; the old certificate stays.
 */
public final class AcmeRenewal {
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);
  public static final Duration CHECK_EVERY = Duration.ofHours(12);
  private static final Logger LOG = LoggerFactory.getLogger(AcmeRenewal.class);

  /** Gets a new certificate into the store (the real one talks to the CA; tests use a fake). */
  @FunctionalInterface
  public interface Issuer {
    TlsFiles issue();
  }

  private final AcmeStore store;
  private final Issuer issuer;
  private final Clock clock;
  private final Consumer<TlsFiles> onRenewed;

  public AcmeRenewal(AcmeStore store, Issuer issuer, Clock clock, Consumer<TlsFiles> onRenewed) {
    this.store = store;
    this.issuer = issuer;
    this.clock = clock;
    this.onRenewed = onRenewed;
  }

  /** Whether a certificate ending at {@code notAfter} (empty: none yet) must be renewed at {@code now}. */
  public static boolean due(Optional<Instant> notAfter, Instant now) {
    return notAfter.map(end -> end.isBefore(now.plus(RENEW_BEFORE))).orElse(true);
  }

  /** One check; true when a new certificate was obtained. */
  public boolean checkNow() {
    Optional<TlsFiles> current = store.current();
    if (!due(current.map(TlsFiles::notAfter), clock.instant())) return false;
    try {
      TlsFiles fresh = issuer.issue();
      LOG.info("ACME: new certificate {} (SHA-256 {}), valid until {}", fresh.certificate(), fresh.sha256Fingerprint(),
          fresh.notAfter());
      onRenewed.accept(fresh);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("ACME: renewal failed, retrying in {} h ({}): {}", CHECK_EVERY.toHours(),
          current.map(c -> "current certificate valid until " + c.notAfter()).orElse("no certificate yet"), e.getMessage());
      return false;
    }
  }

  public void schedule(ScheduledExecutorService executor) {
    executor.scheduleWithFixedDelay(this::checkNow, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
  }
}
