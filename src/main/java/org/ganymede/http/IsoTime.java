package org.ganymede.http;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code 2026-11-23T20:30:11.123456Z}: JupyterHub's timestamp form (UTC, microseconds, {@code Z}).
 * Written by hand because a user model has two of them and a list of 10,000 users spent a fifth of
 * its time in {@code DateTimeFormatter}; {@code IsoTimeTest} checks it against the formatter.
 */
final class IsoTime {
  private IsoTime() {}

  static String format(Instant t) {
    long seconds = t.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    if (year < 0 || year > 9999) return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t);
    char[] out = new char[27];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    out[19] = '.';
    digits(out, 20, t.getNano() / 1000, 6);
    out[26] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
