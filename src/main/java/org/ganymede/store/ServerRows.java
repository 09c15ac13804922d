package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code servers}. */
public final class ServerRows {
  private ServerRows() {}

  public static List<ServerRecord> all(Connection c) throws SQLException {
    return Sql.query(c, "SELECT * FROM servers ORDER BY id", rs -> new ServerRecord(rs.getLong("id"),
        rs.getLong("user_id"), rs.getString("name"), rs.getString("state"), Optional.ofNullable(rs.getString("url")),
        Optional.ofNullable(Sql.nullableLong(rs, "started")).map(Instant::ofEpochMilli),
        Optional.ofNullable(Sql.nullableLong(rs, "last_activity")).map(Instant::ofEpochMilli),
        rs.getString("user_options")));
  }

  /** Writes the server row for (user, name), creating it when missing. */
  public static void save(Connection c, long userId, String name, String stateJson, Optional<String> url,
      Optional<Instant> started, Optional<Instant> lastActivity, String userOptionsJson) throws SQLException {
    Long startedMs = started.map(Instant::toEpochMilli).orElse(null);
    Long activityMs = lastActivity.map(Instant::toEpochMilli).orElse(null);
    int n = Sql.update(c, "UPDATE servers SET state = ?, url = ?, started = ?, last_activity = ?, user_options = ? "
        + "WHERE user_id = ? AND name = ?", stateJson, url.orElse(null), startedMs, activityMs, userOptionsJson,
        userId, name);
    if (n == 0) {
      Sql.insert(c, "INSERT INTO servers (user_id, name, state, url, started, last_activity, user_options) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)", userId, name, stateJson, url.orElse(null), startedMs, activityMs,
          userOptionsJson);
    }
  }

  /** Moves the row's last activity forward to {@code when}; older times and missing rows change nothing. */
  public static void touch(Connection c, long userId, String name, Instant when) throws SQLException {
    Sql.update(c, "UPDATE servers SET last_activity = ? WHERE user_id = ? AND name = ? "
        + "AND (last_activity IS NULL OR last_activity < ?)", when.toEpochMilli(), userId, name, when.toEpochMilli());
  }

  public static void delete(Connection c, long userId, String name) throws SQLException {
    Sql.update(c, "DELETE FROM servers WHERE user_id = ? AND name = ?", userId, name);
  }
}
