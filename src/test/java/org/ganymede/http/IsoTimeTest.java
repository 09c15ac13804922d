package org.ganymede.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
  static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Property(tries = 2000)
  void matchesTheFormatterForAnyInstantOfYears1970To9999(
      @ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds, @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    assertThat(IsoTime.format(t)).isEqualTo(REFERENCE.format(t));
  }

  @Test
  void writesMicrosecondsAndZ() {
    assertThat(IsoTime.format(Instant.parse("2026-11-23T20:30:11.123456789Z"))).isEqualTo("2026-11-23T20:30:11.123456Z");
    assertThat(IsoTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
  }
}
