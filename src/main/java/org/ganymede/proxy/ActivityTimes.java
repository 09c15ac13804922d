package org.ganymede.proxy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Timestamps as CHP writes them (JavaScript's {@code Date.toJSON}) and reads them. */
final class ActivityTimes {
  private static final DateTimeFormatter JSON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ActivityTimes() {}

  static String format(long epochMillis) {
    return JSON.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Parses ISO 8601 as {@code Date.parse} accepts it; a time without offset is taken as UTC. */
  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      // try the shorter forms
    }
    try {
      return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try a date alone
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
