package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.defaults(), clock);

  private void fail(int times, String user, String address) {
    for (int i = 0; i < times; i++) {
      throttle.recordFailure(user, address);
    }
  }

  @Test
  void fourFailuresAreFreeTheFifthStartsADelay() {
    fail(4, "alice", "203.0.113.1");
    assertThat(throttle.retryAfterSeconds("alice", "203.0.113.1")).isEmpty();
    fail(1, "alice", "203.0.113.1");
    assertThat(throttle.retryAfterSeconds("alice", "203.0.113.1")).hasValue(2);
    clock.advance(Duration.ofSeconds(2));
    assertThat(throttle.retryAfterSeconds("alice", "203.0.113.1")).isEmpty();
  }

  @Test
  void delayDoublesAndIsCapped() {
    fail(5, "alice", "a");
    assertThat(throttle.retryAfterSeconds("alice", "a")).hasValue(2);
    fail(1, "alice", "a");
    assertThat(throttle.retryAfterSeconds("alice", "a")).hasValue(4);
    fail(1, "alice", "a");
    assertThat(throttle.retryAfterSeconds("alice", "a")).hasValue(8);
    fail(100, "alice", "a");
    assertThat(throttle.retryAfterSeconds("alice", "a")).hasValue(300);
  }

  @Test
  void userNameIsThrottledFromAnyAddress() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("alice", "198.51.100." + i);
    }
    assertThat(throttle.retryAfterSeconds("alice", "198.51.100.99")).isPresent();
    assertThat(throttle.retryAfterSeconds("bob", "198.51.100.99")).isEmpty();
  }

  @Test
  void addressIsThrottledWhateverNamesItTries() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("user" + i, "203.0.113.7");
    }
    assertThat(throttle.retryAfterSeconds("someone-new", "203.0.113.7")).isPresent();
    assertThat(throttle.retryAfterSeconds("someone-new", "203.0.113.8")).isEmpty();
  }

  @Test
  void successResetsTheUserNameButNotTheAddress() {
    fail(4, "alice", "a");
    throttle.recordSuccess("alice", "a");
    fail(4, "alice", "b");
    assertThat(throttle.retryAfterSeconds("alice", "b")).isEmpty();
    fail(1, "carol", "a");
    assertThat(throttle.retryAfterSeconds("carol", "a")).isPresent();
  }

  @Test
  void failuresOutsideTheWindowAreForgotten() {
    fail(4, "alice", "a");
    clock.advance(Duration.ofMinutes(16));
    fail(1, "alice", "a");
    assertThat(throttle.retryAfterSeconds("alice", "a")).isEmpty();
  }

  @Test
  void memoryIsBoundedByEvictingTheOldestKeys() {
    LoginThrottle small = new LoginThrottle(
        new LoginThrottle.Settings(5, Duration.ofMinutes(15), Duration.ofSeconds(2),
            Duration.ofMinutes(5), 100), clock);
    for (int i = 0; i < 5; i++) {
      small.recordFailure("victim", "x");
    }
    for (int i = 0; i < 1000; i++) {
      small.recordFailure("name" + i + "x".repeat(1000), "addr" + i);
    }
    assertThat(small.trackedKeys()).isEqualTo(100);
    assertThat(small.retryAfterSeconds("victim", "y")).isEmpty();
  }
}
