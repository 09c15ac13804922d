package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ganymede import-jupyterhub} with a database made by Debian's JupyterHub 3.0, then a real
 * Ganymede hub on the imported database: users, admin flags, groups and the tokens JupyterHub
 * issued all work.
 */
class ImportJupyterHubTest {
  @TempDir static Path jupyterhubDir;
  static RealJupyterHubDatabase source;

  @TempDir Path dir;

  @BeforeAll
  static void makeAJupyterHubDatabase() throws Exception {
    source = RealJupyterHubDatabase.make(jupyterhubDir);
  }

  private static String sqlite(Path file) {
    return "sqlite:///" + file;
  }

  @Test
  void importedUsersGroupsAndTokensWorkInARealHub() throws Exception {
    Path hubDir = Files.createDirectories(dir.resolve("ganymede"));
    Path target = hubDir.resolve("jupyterhub.sqlite");
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", source.file().toString(), "--db", sqlite(target));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("JupyterHub schema 651f5419b74d (JupyterHub 3.x)")
        .contains("users: 2 added", "  + ada (admin)", "  + bob")
        .contains("groups: 1 added", "  + physics (1 member)")
        .contains("roles: 1 added", "  + reader (3 assignments)")
        .contains("services: 1 added", "  + svc")
        .contains("tokens: 3 added", "user ada, " + source.adaToken().substring(0, 4) + "…",
            "user bob, " + source.bobToken().substring(0, 4) + "…, \"made through the API\", scopes read:users",
            "service svc, svc-…")
        .contains("named servers: 1 added", "  + bob/lab")
        .contains("imported in one transaction");

    try (RunningHub hub = RunningHub.start(hubDir, "--JupyterHub.services=[{'name': 'svc'}]",
        "--JupyterHub.load_roles=[{'name': 'reader', 'scopes': ['read:users'], 'users': ['bob'], "
            + "'groups': ['physics'], 'services': ['svc']}]")) {
      var ada = hub.admin("GET", "/users/ada", null);
      assertThat(ada.status()).as(ada.toString()).isEqualTo(200);
      assertThat(ada.json().get("admin").asBoolean()).isTrue();
      var bob = hub.admin("GET", "/users/bob?include_stopped_servers", null);
      assertThat(bob.json().get("admin").asBoolean()).isFalse();
      assertThat(bob.json().get("groups").toString()).contains("physics");
      assertThat(bob.json().get("servers").has("lab")).as(bob.toString()).isTrue();
      assertThat(hub.admin("GET", "/groups/physics", null).json().get("users").toString()).contains("bob");

      // tokens JupyterHub issued: made by `jupyterhub token` and by the REST API (one hash round)
      var asAda = hub.api("GET", "/user", source.adaToken(), null);
      assertThat(asAda.status()).as(asAda.toString()).isEqualTo(200);
      assertThat(asAda.json().get("name").asString()).isEqualTo("ada");
      assertThat(hub.api("GET", "/users", source.adaToken(), null).status()).isEqualTo(200);
      var asBob = hub.api("GET", "/user", source.bobToken(), null);
      assertThat(asBob.status()).as(asBob.toString()).isEqualTo(200);
      assertThat(asBob.json().get("name").asString()).isEqualTo("bob");
      // its scopes came along: read:users, not admin
      assertThat(hub.api("POST", "/users/carol", source.bobToken(), null).status()).isEqualTo(403);
      // a configured service token (16384 rounds)
      var asService = hub.api("GET", "/user", source.serviceToken(), null);
      assertThat(asService.status()).as(asService.toString()).isEqualTo(200);
      assertThat(asService.json().get("name").asString()).isEqualTo("svc");

      // the protection: another secret with the same prefix is not taken for the token
      String forged = source.adaToken().substring(0, 4) + "0".repeat(28);
      assertThat(hub.api("GET", "/user", forged, null).status()).isEqualTo(403);
    }
  }

  /**
   * JupyterHub 4.0-5.x only add columns (alembic 0eee8c825d24 groups.properties, 3c2384c5aae1
   * services.from_config, 4621fec11365 managed_by_auth): the 3.0 database brought forward the same
   * way is imported too, with its group properties.
   */
  @Test
  void aJupyterHub5SchemaIsImportedWithItsGroupProperties() throws Exception {
    Path five = Files.copy(source.file(), dir.resolve("jupyterhub5.sqlite"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + five); Statement s = c.createStatement()) {
      s.executeUpdate("ALTER TABLE groups ADD COLUMN properties TEXT");
      s.executeUpdate("UPDATE groups SET properties = '{\"course\": \"PHY101\"}' WHERE name = 'physics'");
      s.executeUpdate("ALTER TABLE services ADD COLUMN from_config BOOLEAN NOT NULL DEFAULT 1");
      for (String t : new String[] {"roles", "user_role_map", "group_role_map", "service_role_map"}) {
        s.executeUpdate("ALTER TABLE " + t + " ADD COLUMN managed_by_auth BOOLEAN");
      }
      s.executeUpdate("UPDATE alembic_version SET version_num = '4621fec11365'");
    }
    Path target = dir.resolve("ganymede.sqlite");
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", five.toString(), "--db", sqlite(target));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("JupyterHub schema 4621fec11365 (JupyterHub 5.0-5.2)", "users: 2 added",
        "tokens: 3 added");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT properties FROM groups WHERE name = 'physics'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("{\"course\":\"PHY101\"}");
    }
  }

  @Test
  void aUserNameGanymedeDoesNotAcceptIsLeftOutWithItsTokensAndNamed() throws Exception {
    Path odd = Files.copy(source.file(), dir.resolve("odd.sqlite"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + odd); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO users (id, name, admin, created, cookie_id) VALUES (99, 'Dr Who', 0, "
          + "'2025-01-02 03:04:05.000001', 'c99')");
      s.executeUpdate("INSERT INTO api_tokens (id, user_id, hashed, prefix, client_id, created, note, scopes) VALUES "
          + "(99, 99, 'sha512:1:00:00', '0000', 'jupyterhub', '2025-01-02 03:04:05', 'n', '[]')");
      s.executeUpdate("INSERT INTO user_group_map (user_id, group_id) VALUES (99, 1)");
    }
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", "--dry-run", odd.toString(), "--db",
        sqlite(dir.resolve("t.sqlite")));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("users: 2 added", "tokens: 3 added", "physics (1 member)")
        .contains("warning: 1 users left out", "(Dr Who)");
  }

  @Test
  void aDryRunPrintsTheReportAndWritesNothing() throws Exception {
    Path target = dir.resolve("new.sqlite");
    String before = digest(source.file());
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", "--dry-run", source.file().toString(),
        "--db", sqlite(target));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("dry run: importing").contains("users: 2 added", "tokens: 3 added")
        .contains("dry run: nothing was written");
    assertThat(target).doesNotExist();
    assertThat(digest(source.file())).isEqualTo(before);

    // into an existing hub database: the same report, and the database unchanged
    CommandLineTest.Run real = CommandLineTest.run("import-jupyterhub", source.file().toString(), "--db",
        sqlite(target));
    assertThat(real.code()).as(real.err()).isZero();
    String imported = digest(target);
    CommandLineTest.Run again = CommandLineTest.run("import-jupyterhub", "--dry-run", source.file().toString(),
        "--db", sqlite(target));
    assertThat(again.out()).contains("users: 0 added, 2 kept", "tokens: 0 added, 3 kept");
    assertThat(digest(target)).isEqualTo(imported);
  }

  @Test
  void aDatabaseItDoesNotUnderstandIsRefusedAndNothingIsTouched() throws Exception {
    Path target = dir.resolve("target.sqlite");

    Path text = Files.writeString(dir.resolve("notes.sqlite"), "not a database\n");
    assertRefused(text, target, "is not a SQLite database");

    Path newer = Files.copy(source.file(), dir.resolve("newer.sqlite"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE alembic_version SET version_num = 'ffffffffffff'");
    }
    assertRefused(newer, target, "schema version ffffffffffff, which this Ganymede does not know");

    Path other = dir.resolve("other.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (x INTEGER)");
    }
    assertRefused(other, target, "is not a JupyterHub database");

    Path corrupt = Files.copy(source.file(), dir.resolve("corrupt.sqlite"));
    byte[] bytes = Files.readAllBytes(corrupt);
    for (int i = 4096; i < bytes.length; i++) bytes[i] = (byte) 0x5a; // every page after the first
    Files.write(corrupt, bytes);
    assertRefused(corrupt, target, "disk image is malformed");

    assertRefused(dir.resolve("missing.sqlite"), target, "no such file");
  }

  @Test
  void aWriteThatFailsHalfWayLeavesTheHubDatabaseAsItWas() throws Exception {
    Path target = dir.resolve("ganymede.sqlite");
    try (org.ganymede.store.Database db = org.ganymede.store.Database.open(
        org.ganymede.store.DatabaseUrl.parse(sqlite(target), dir))) {
      db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          // the named servers are written last, after users, groups, roles and tokens
          s.executeUpdate("CREATE TRIGGER refuse BEFORE INSERT ON servers BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }
        return null;
      });
    }
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", source.file().toString(), "--db", sqlite(target));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("disk full").contains("nothing was imported");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
      for (String table : new String[] {"users", "groups", "roles", "services", "api_tokens"}) {
        try (var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          assertThat(rs.getInt(1)).as(table).isZero();
        }
      }
    }
  }

  @Test
  void theJupyterHubDatabaseItselfIsRefusedAsTheTarget() throws Exception {
    String before = digest(source.file());
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", source.file().toString(), "--db",
        sqlite(source.file()));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("must be another file");
    assertThat(digest(source.file())).isEqualTo(before);
  }

  private void assertRefused(Path bad, Path target, String why) throws Exception {
    String before = Files.exists(bad) ? digest(bad) : "";
    CommandLineTest.Run r = CommandLineTest.run("import-jupyterhub", bad.toString(), "--db", sqlite(target));
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.err()).startsWith("ganymede import-jupyterhub: ").contains(why).contains("nothing was imported");
    assertThat(target).doesNotExist();
    assertThat(Files.exists(bad) ? digest(bad) : "").isEqualTo(before);
  }

  private static String digest(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
