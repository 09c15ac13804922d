package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code users}. */
public final class UserRows {
  private UserRows() {}

  public static List<UserRecord> all(Connection c) throws SQLException {
    return Sql.query(c, "SELECT id, name, admin, created, last_activity, cookie_id FROM users ORDER BY id",
        UserRows::row);
  }

  /** The user with this name, if any. */
  public static Optional<UserRecord> byName(Connection c, String name) throws SQLException {
    return Sql.query(c, "SELECT id, name, admin, created, last_activity, cookie_id FROM users WHERE name = ?",
        UserRows::row, name).stream().findFirst();
  }

  private static UserRecord row(java.sql.ResultSet rs) throws SQLException {
    return new UserRecord(rs.getLong("id"), rs.getString("name"), rs.getLong("admin") != 0,
        Instant.ofEpochMilli(rs.getLong("created")),
        Optional.ofNullable(Sql.nullableLong(rs, "last_activity")).map(Instant::ofEpochMilli),
        rs.getString("cookie_id"));
  }

  public static UserRecord insert(Connection c, String name, boolean admin, Instant created, String cookieId)
      throws SQLException {
    long id = Sql.insert(c, "INSERT INTO users (name, admin, created, cookie_id) VALUES (?, ?, ?, ?)",
        name, admin, created.toEpochMilli(), cookieId);
    return new UserRecord(id, name, admin, created, Optional.empty(), cookieId);
  }

  public static void update(Connection c, UserRecord u) throws SQLException {
    Sql.update(c, "UPDATE users SET name = ?, admin = ?, last_activity = ?, cookie_id = ? WHERE id = ?",
        u.name(), u.admin(), u.lastActivity().map(Instant::toEpochMilli).orElse(null), u.cookieId(), u.id());
  }

  /**
   * The user's {@code encrypted_auth_state} (JupyterHub's column: a Fernet token as ASCII bytes),
   * empty when none is kept. Read on demand and never cached with the record: it is a secret.
   */
  public static Optional<byte[]> encryptedAuthState(Connection c, long id) throws SQLException {
    return Sql.query(c, "SELECT encrypted_auth_state FROM users WHERE id = ?", rs -> rs.getBytes(1), id).stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  public static void setEncryptedAuthState(Connection c, long id, byte[] token) throws SQLException {
    Sql.update(c, "UPDATE users SET encrypted_auth_state = ? WHERE id = ?", token, id);
  }

  /** Clears it; a row that holds none is not written (every login clears when auth state is off). */
  public static void clearEncryptedAuthState(Connection c, long id) throws SQLException {
    Sql.update(c, "UPDATE users SET encrypted_auth_state = NULL WHERE id = ? AND encrypted_auth_state IS NOT NULL", id);
  }

  public static void delete(Connection c, long id) throws SQLException {
    Sql.update(c, "DELETE FROM users WHERE id = ?", id);
  }
}
