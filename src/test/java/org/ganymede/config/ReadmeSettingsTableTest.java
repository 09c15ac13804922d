package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's table of settings is generated from the catalogue, so it cannot claim a setting works
 * that the hub refuses. Regenerate it with
 * {@code bin/test -Dtest=ReadmeSettingsTableTest -Dganymede.regenerate=true}.
 */
class ReadmeSettingsTableTest {
  private static final String BEGIN = "<!-- settings table: generated from the catalogue by ReadmeSettingsTableTest -->";
  private static final String END = "<!-- end of settings table -->";

  @Test
  void readmeListsEverySettingWithItsStatus() throws Exception {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README.md has the markers").isGreaterThanOrEqualTo(0);
    assertThat(end).isGreaterThan(begin);
    String expected = "\n" + ConfigTemplate.render(ConfigTemplate.Format.MARKDOWN) + "\n";
    String actual = text.substring(begin + BEGIN.length(), end);
    if (Boolean.getBoolean("ganymede.regenerate") && !actual.equals(expected)) {
      Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
      actual = expected;
    }
    assertThat(actual).as("README's settings table is stale: run bin/test -Dtest=ReadmeSettingsTableTest "
        + "-Dganymede.regenerate=true").isEqualTo(expected);
  }
}
