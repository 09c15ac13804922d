package org.ganymede.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PendingLoginsTest {
  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private static PendingLogins.Pending pending(String state, Instant at) {
    return new PendingLogins.Pending(state, "n", "v", "http://hub/hub/oauth_callback", "", at);
  }

  @Test
  void aPendingLoginCanBeTakenOnceOnly() {
    HandClock clock = new HandClock();
    PendingLogins logins = new PendingLogins(clock);
    logins.add(pending("s1", clock.instant()));
    assertThat(logins.take("s1")).isPresent();
    assertThat(logins.take("s1")).isEmpty();
  }

  @Test
  void aPendingLoginOlderThanTenMinutesIsGone() {
    HandClock clock = new HandClock();
    PendingLogins logins = new PendingLogins(clock);
    logins.add(pending("old", clock.instant()));
    clock.now.set(clock.instant().plus(PendingLogins.MAX_AGE).plus(Duration.ofSeconds(1)));
    assertThat(logins.take("old")).isEmpty();
  }

  @Test
  void aFloodOfStartedLoginsCostsNoMoreThanTheBound() {
    HandClock clock = new HandClock();
    PendingLogins logins = new PendingLogins(clock);
    for (int i = 0; i <= PendingLogins.MAX_COUNT + 500; i++) logins.add(pending("s" + i, clock.instant()));
    assertThat(logins.size()).isEqualTo(PendingLogins.MAX_COUNT);
    assertThat(logins.take("s0")).as("the oldest went first").isEmpty();
    assertThat(logins.take("s" + (PendingLogins.MAX_COUNT + 500))).isPresent();
  }
}
