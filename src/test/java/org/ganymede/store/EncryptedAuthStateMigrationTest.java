package org.ganymede.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 2 adds users.encrypted_auth_state to a database of schema 1 without touching its users. */
class EncryptedAuthStateMigrationTest {
  @TempDir Path dir;

  @Test
  void aSchemaOneDatabaseIsUpgradedOnlyWhenAskedAndKeepsItsUsers() throws Exception {
    String jdbc = "jdbc:sqlite:" + dir.resolve("hub.sqlite");
    Flyway.configure().dataSource(jdbc, null, null).locations("classpath:db/migration/sqlite").target("1").load()
        .migrate();
    try (var c = DriverManager.getConnection(jdbc)) {
      c.createStatement().executeUpdate("INSERT INTO users (name, admin, created, cookie_id) VALUES ('old', 0, "
          + Instant.now().toEpochMilli() + ", 'cookie-old')");
    }
    DatabaseUrl url = DatabaseUrl.parse("sqlite:///hub.sqlite", dir);
    assertThatThrownBy(() -> Database.open(url, false)).hasMessageContaining("schema version 1")
        .hasMessageContaining("upgrade-db");
    try (Database db = Database.open(url, true)) {
      assertThat(db.currentVersion()).hasValue("2");
      long id = db.transaction(c -> UserRows.byName(c, "old")).orElseThrow().id();
      java.util.Optional<byte[]> none = db.transaction(c -> UserRows.encryptedAuthState(c, id));
      assertThat(none).isEmpty();
      db.transaction(c -> {
        UserRows.setEncryptedAuthState(c, id, "gAAAAA-token".getBytes(StandardCharsets.US_ASCII));
        return null;
      });
      java.util.Optional<byte[]> stored = db.transaction(c -> UserRows.encryptedAuthState(c, id));
      assertThat(stored.orElseThrow()).isEqualTo("gAAAAA-token".getBytes(StandardCharsets.US_ASCII));
    }
  }
}
