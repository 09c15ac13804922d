package org.ganymede.app.jhimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ganymede.model.UserName;
import org.ganymede.security.JupyterHubTokenHash;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JupyterHub SQLite database, read-only, after checking it is one this understands: a
 * SQLite file that passes {@code PRAGMA quick_check} and carries a known alembic version. Every
 * refusal is an {@link Unreadable} saying what is wrong; nothing is written to the file.
 */
public final class JupyterHubDatabase {
  /** A database this cannot import from, and why. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * The alembic heads of the JupyterHub releases whose schema this reads. Each later one only adds
   * columns this reads when present (groups.properties in 4.0) or does not need.
   */
  static final Map<String, String> KNOWN_SCHEMAS = Map.of(
      "651f5419b74d", "JupyterHub 3.x",
      "0eee8c825d24", "JupyterHub 4.0",
      "3c2384c5aae1", "JupyterHub 4.1",
      "4621fec11365", "JupyterHub 5.0-5.2",
      "afd65840b69e", "JupyterHub 5.3");

  /** JupyterHub's built-in roles: Ganymede has them built in as well, derived from the admin flag. */
  static final Set<String> DEFAULT_ROLES = Set.of("user", "admin", "server", "token");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private JupyterHubDatabase() {}

  /** Checks {@code file} and reads everything the import takes. */
  public static JupyterHubSnapshot read(Path file) {
    checkIsSqlite(file);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      String version = schemaVersion(c, file);
      return new Reader(c, version + " (" + KNOWN_SCHEMAS.get(version) + ")").read();
    } catch (SQLException | tools.jackson.core.JacksonException e) {
      throw new Unreadable(file + " cannot be read as a JupyterHub database: " + e.getMessage());
    }
  }

  private static void checkIsSqlite(Path file) {
    if (!Files.isRegularFile(file)) throw new Unreadable("no such file: " + file);
    byte[] head = new byte[SQLITE_MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new Unreadable("cannot read " + file + ": " + e.getMessage());
    }
    if (n < head.length || !java.util.Arrays.equals(head, SQLITE_MAGIC)) {
      throw new Unreadable(file + " is not a SQLite database (JupyterHub's default jupyterhub.sqlite is; "
          + "other db_urls are not imported)");
    }
  }

  private static String schemaVersion(Connection c, Path file) throws SQLException {
    List<String> check = strings(c, "PRAGMA quick_check");
    if (!check.equals(List.of("ok"))) {
      throw new Unreadable(file + " is damaged (SQLite quick_check: " + String.join("; ", check.subList(0,
          Math.min(3, check.size()))) + "); restore it from a backup first");
    }
    if (strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").isEmpty()) {
      throw new Unreadable(file + " is not a JupyterHub database (it has no alembic_version table)");
    }
    List<String> versions = strings(c, "SELECT version_num FROM alembic_version");
    if (versions.size() != 1 || !KNOWN_SCHEMAS.containsKey(versions.get(0))) {
      throw new Unreadable(file + " has JupyterHub schema version " + String.join(",", versions)
          + ", which this Ganymede does not know; it reads " + knownList()
          + ". For an older JupyterHub run `jupyterhub upgrade-db` with JupyterHub 3 or newer first");
    }
    return versions.get(0);
  }

  private static String knownList() {
    return KNOWN_SCHEMAS.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .map(e -> e.getKey() + " (" + e.getValue() + ")").reduce((a, b) -> a + ", " + b).orElseThrow();
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** Reads one checked database. */
  private static final class Reader {
    private final Connection c;
    private final String schema;
    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<Long, String> groupNames = new HashMap<>();
    private final Map<Long, String> serviceNames = new HashMap<>();
    private final List<String> invalidUserNames = new ArrayList<>();

    Reader(Connection c, String schema) {
      this.c = c;
      this.schema = schema;
    }

    JupyterHubSnapshot read() throws SQLException {
      List<JupyterHubSnapshot.User> users = users();
      List<JupyterHubSnapshot.Service> services = services();
      List<JupyterHubSnapshot.Group> groups = groups();
      List<JupyterHubSnapshot.Role> roles = roles();
      int[] skippedTokens = new int[3];
      List<JupyterHubSnapshot.Token> tokens = tokens(skippedTokens);
      int[] running = new int[1];
      List<JupyterHubSnapshot.NamedServer> servers = servers(running);
      return new JupyterHubSnapshot(schema, users, groups, roles, services, tokens, servers,
          new JupyterHubSnapshot.Skipped(skippedTokens[0], skippedTokens[1], skippedTokens[2], running[0],
              invalidUserNames));
    }

    private List<JupyterHubSnapshot.User> users() throws SQLException {
      List<JupyterHubSnapshot.User> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, name, admin, created, last_activity, cookie_id FROM users ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString("name");
          if (!UserName.isValid(name)) {
            // its memberships, tokens and servers are left out with it: their owner is unknown below
            invalidUserNames.add(UserName.shorten(String.valueOf(name)));
            continue;
          }
          userNames.put(rs.getLong("id"), name);
          out.add(new JupyterHubSnapshot.User(name, rs.getLong("admin") != 0,
              time(rs.getString("created")).orElse(Instant.EPOCH), time(rs.getString("last_activity")),
              rs.getString("cookie_id")));
        }
      }
      return out;
    }

    private List<JupyterHubSnapshot.Service> services() throws SQLException {
      List<JupyterHubSnapshot.Service> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, name, admin FROM services ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          serviceNames.put(rs.getLong("id"), rs.getString("name"));
          out.add(new JupyterHubSnapshot.Service(rs.getString("name"), rs.getLong("admin") != 0));
        }
      }
      return out;
    }

    private List<JupyterHubSnapshot.Group> groups() throws SQLException {
      boolean properties = columns("groups").contains("properties");
      Map<Long, List<String>> members = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT group_id, user_id FROM user_group_map ORDER BY user_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String user = userNames.get(rs.getLong(2));
          if (user != null) members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(user);
        }
      }
      List<JupyterHubSnapshot.Group> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, name" + (properties ? ", properties" : "") + " FROM groups ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          groupNames.put(rs.getLong("id"), rs.getString("name"));
          String props = properties ? rs.getString("properties") : null;
          out.add(new JupyterHubSnapshot.Group(rs.getString("name"), jsonObject(props),
              members.getOrDefault(rs.getLong("id"), List.of())));
        }
      }
      return out;
    }

    private List<JupyterHubSnapshot.Role> roles() throws SQLException {
      Map<Long, List<String>> members = new HashMap<>();
      memberships("user_role_map", "user_id", "user", userNames, members);
      memberships("group_role_map", "group_id", "group", groupNames, members);
      memberships("service_role_map", "service_id", "service", serviceNames, members);
      List<JupyterHubSnapshot.Role> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, name, description, scopes FROM roles ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (DEFAULT_ROLES.contains(rs.getString("name"))) continue;
          String description = rs.getString("description");
          out.add(new JupyterHubSnapshot.Role(rs.getString("name"), description == null ? "" : description,
              stringList(rs.getString("scopes")), members.getOrDefault(rs.getLong("id"), List.of())));
        }
      }
      return out;
    }

    private void memberships(String table, String column, String kind, Map<Long, String> names,
        Map<Long, List<String>> into) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT role_id, " + column + " FROM " + table);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = names.get(rs.getLong(2));
          if (name != null) into.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(kind + ":" + name);
        }
      }
    }

    /** API tokens of users and services; skipped[0] OAuth tokens, [1] expired, [2] hashes not in JupyterHub's form. */
    private List<JupyterHubSnapshot.Token> tokens(int[] skipped) throws SQLException {
      List<JupyterHubSnapshot.Token> out = new ArrayList<>();
      Instant now = Instant.now();
      try (PreparedStatement ps = c.prepareStatement("SELECT user_id, service_id, hashed, prefix, client_id, "
          + "created, expires_at, last_activity, note, scopes FROM api_tokens ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String client = rs.getString("client_id");
          if (client != null && !client.equals("jupyterhub")) {
            skipped[0]++;
            continue;
          }
          Optional<Instant> expires = time(rs.getString("expires_at"));
          if (expires.filter(now::isAfter).isPresent()) {
            skipped[1]++;
            continue;
          }
          String hashed = rs.getString("hashed");
          String prefix = rs.getString("prefix");
          if (hashed == null || prefix == null || JupyterHubTokenHash.parse(hashed).isEmpty()) {
            skipped[2]++;
            continue;
          }
          long userId = rs.getLong("user_id");
          boolean isUser = !rs.wasNull();
          long serviceId = rs.getLong("service_id");
          String owner = isUser ? userNames.get(userId) : serviceNames.get(serviceId);
          if (owner == null) continue; // a user left out, or an orphan row (deleted without the cascade)
          String note = rs.getString("note");
          out.add(new JupyterHubSnapshot.Token(isUser ? "user" : "service", owner, prefix, hashed,
              stringList(rs.getString("scopes")), note == null ? "" : note,
              time(rs.getString("created")).orElse(now), expires, time(rs.getString("last_activity"))));
        }
      }
      return out;
    }

    /** Named servers (the default server is implicit); running[0] counts those running under JupyterHub. */
    private List<JupyterHubSnapshot.NamedServer> servers(int[] running) throws SQLException {
      List<JupyterHubSnapshot.NamedServer> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT user_id, server_id, name, last_activity, user_options FROM spawners ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getLong("server_id");
          if (!rs.wasNull()) running[0]++;
          String user = userNames.get(rs.getLong("user_id"));
          String name = rs.getString("name");
          if (user == null || name == null || name.isEmpty()) continue;
          out.add(new JupyterHubSnapshot.NamedServer(user, name, time(rs.getString("last_activity")),
              jsonObject(rs.getString("user_options"))));
        }
      }
      return out;
    }

    private Set<String> columns(String table) throws SQLException {
      Set<String> out = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("PRAGMA table_info(" + table + ")");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getString("name"));
      }
      return out;
    }
  }

  /** SQLAlchemy's SQLite DateTime: naive UTC, {@code 2026-12-04 17:56:51.294062}. */
  static Optional<Instant> time(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    try {
      return Optional.of(LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new Unreadable("unreadable time in the database: " + text);
    }
  }

  private static List<String> stringList(String json) {
    if (json == null || json.isBlank()) return List.of();
    return JSON.readValue(json, new TypeReference<List<String>>() {});
  }

  /** A JSON object column as text; null or not an object (JupyterHub writes null for none) is {@code {}}. */
  private static String jsonObject(String json) {
    if (json == null || json.isBlank()) return "{}";
    JsonNode node = JSON.readTree(json);
    return node.isObject() ? JSON.writeValueAsString(node) : "{}";
  }
}
