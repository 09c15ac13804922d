package org.ganymede.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store: private file, WAL, migrations, transactions that leave nothing half-written. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void theDatabaseFileIsCreatedPrivateAndInWalMode() throws Exception {
    try (Database db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub.sqlite"))))
          .isEqualTo("rw-------");
      String mode = db.transaction(c -> {
        try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
          rs.next();
          return rs.getString(1);
        }
      });
      assertThat(mode).isEqualToIgnoringCase("wal");
      assertThat(db.currentVersion()).hasValue(Database.LATEST_SCHEMA_VERSION);
    }
  }

  @Test
  void theLatestVersionConstantMatchesTheNewestMigrationScript() throws Exception {
    for (String vendor : new String[] {"sqlite", "postgresql"}) {
      Path scripts = Path.of("src/main/resources/db/migration", vendor);
      try (Stream<Path> files = Files.list(scripts)) {
        int newest = files.map(f -> f.getFileName().toString())
            .filter(n -> n.matches("V\\d+__.*\\.sql"))
            .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
            .max().orElseThrow();
        assertThat(Integer.toString(newest)).as(vendor).isEqualTo(Database.LATEST_SCHEMA_VERSION);
      }
    }
  }

  @Test
  void aFailedTransactionLeavesNothingBehind() {
    try (Database db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir))) {
      assertThatThrownBy(() -> db.transaction(c -> {
        UserRows.insert(c, "first", false, java.time.Instant.now(), "cookie-1");
        UserRows.insert(c, "first", false, java.time.Instant.now(), "cookie-2"); // duplicate name
        return null;
      })).isInstanceOf(StoreException.class);
      assertThat(db.transaction(UserRows::all)).isEmpty();
    }
  }

  @Test
  void reopeningSkipsMigrationsAndKeepsData() {
    try (Database db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir))) {
      db.transaction(c -> UserRows.insert(c, "kept", true, java.time.Instant.now(), "cookie"));
    }
    try (Database db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir))) {
      assertThat(db.migrate()).isZero();
      assertThat(db.transaction(UserRows::all)).extracting(UserRecord::name).containsExactly("kept");
    }
  }

  @Test
  void unsupportedDatabaseUrlsAreNamedWithTheFix() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db", dir))
        .hasMessageContaining("not supported").hasMessageContaining("sqlite:///").hasMessageNotContaining("secret");
  }
}
