package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Slows down password guessing. Failed logins are counted per user name and per client address;
 * once either reaches {@link Settings#maxFailures} within {@link Settings#window}, attempts are
 * refused for a delay that doubles with each further failure up to {@link Settings#maxDelay}.
 * A success clears the user name's count (not the address's: one right password must not open
 * the door for guessing others). At most {@link Settings#maxTrackedKeys} keys are kept; the
 * least recently used are forgotten first, so a flood of names cannot exhaust memory.
 * Thread-safe; time comes from the injected {@link Clock}.
 */
public final class LoginThrottle {
  /**
   * @param maxFailures failures allowed within {@code window} before a delay applies
   * @param window how long failures are remembered, counted from the first
   * @param baseDelay the delay after the {@code maxFailures}-th failure; doubles after each next
   * @param maxDelay the cap on the delay
   * @param maxTrackedKeys how many user names and addresses are tracked at most
   */
  public record Settings(int maxFailures, Duration window, Duration baseDelay, Duration maxDelay,
      int maxTrackedKeys) {
    public Settings {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
      }
      if (maxTrackedKeys < 2) {
        throw new IllegalArgumentException("maxTrackedKeys must be at least 2, got " + maxTrackedKeys);
      }
      Objects.requireNonNull(window);
      Objects.requireNonNull(baseDelay);
      Objects.requireNonNull(maxDelay);
    }

    /** 5 failures in 15 minutes, then 2 s doubling to 5 minutes; 10,000 keys. */
    public static Settings defaults() {
      return new Settings(5, Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofMinutes(5),
          10_000);
    }
  }

  private static final class Record {
    Instant firstFailure;
    int failures;
    Instant blockedUntil = Instant.MIN;
  }

  private final Settings settings;
  private final Clock clock;
  private final LinkedHashMap<String, Record> records;

  public LoginThrottle(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.records = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
        return size() > settings.maxTrackedKeys();
      }
    };
  }

  /**
   * Seconds the client must wait before trying again (for the {@code Retry-After} header), or
   * empty when it may try now. Ask before checking the password.
   */
  public synchronized OptionalLong retryAfterSeconds(String userName, String clientAddress) {
    Instant now = clock.instant();
    long wait = Math.max(remaining(userKey(userName), now), remaining(addressKey(clientAddress), now));
    return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
  }

  public synchronized void recordFailure(String userName, String clientAddress) {
    Instant now = clock.instant();
    fail(userKey(userName), now);
    fail(addressKey(clientAddress), now);
  }

  public synchronized void recordSuccess(String userName, String clientAddress) {
    records.remove(userKey(userName));
  }

  /** How many keys are tracked now (for tests and metrics). */
  public synchronized int trackedKeys() {
    return records.size();
  }

  private void fail(String key, Instant now) {
    Record record = records.get(key);
    if (record == null || now.isAfter(record.firstFailure.plus(settings.window()))) {
      record = new Record();
      record.firstFailure = now;
      records.put(key, record);
    }
    record.failures++;
    int over = record.failures - settings.maxFailures();
    if (over >= 0) {
      record.blockedUntil = now.plus(delay(over));
    }
  }

  private Duration delay(int over) {
    Duration max = settings.maxDelay();
    if (over >= 62) {
      return max;
    }
    Duration d = settings.baseDelay().multipliedBy(1L << over);
    return d.compareTo(max) > 0 || d.isNegative() ? max : d;
  }

  private long remaining(String key, Instant now) {
    Record record = records.get(key);
    if (record == null || !record.blockedUntil.isAfter(now)) {
      return 0;
    }
    long millis = Duration.between(now, record.blockedUntil).toMillis();
    return (millis + 999) / 1000;
  }

  private static String userKey(String userName) {
    return "user:" + bounded(userName);
  }

  private static String addressKey(String address) {
    return "addr:" + bounded(address);
  }

  /** Long untrusted names are kept as a hash, so each key costs little memory. */
  private static String bounded(String s) {
    if (s.length() <= 64) {
      return s;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
