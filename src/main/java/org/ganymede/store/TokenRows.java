package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code api_tokens}. */
public final class TokenRows {
  private TokenRows() {}

  public static List<TokenRecord> all(Connection c) throws SQLException {
    return Sql.query(c, "SELECT * FROM api_tokens ORDER BY id", TokenRows::row);
  }

  /** The token with this hash, if any (an index lookup: {@code hashed} is unique). */
  public static Optional<TokenRecord> byHash(Connection c, String hashed) throws SQLException {
    return Sql.query(c, "SELECT * FROM api_tokens WHERE hashed = ?", TokenRows::row, hashed).stream().findFirst();
  }

  /** Tokens of one owner, oldest first. */
  public static List<TokenRecord> ownedBy(Connection c, String ownerKind, String ownerName) throws SQLException {
    return Sql.query(c, "SELECT * FROM api_tokens WHERE owner_kind = ? AND owner_name = ? ORDER BY id",
        TokenRows::row, ownerKind, ownerName);
  }

  private static TokenRecord row(java.sql.ResultSet rs) throws SQLException {
    return new TokenRecord(
        rs.getLong("id"), rs.getString("owner_kind"), rs.getString("owner_name"), rs.getString("prefix"),
        rs.getString("hashed"), JsonColumns.stringList(rs.getString("scopes")), rs.getString("note"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Optional.ofNullable(Sql.nullableLong(rs, "expires_at")).map(Instant::ofEpochMilli),
        Optional.ofNullable(Sql.nullableLong(rs, "last_activity")).map(Instant::ofEpochMilli),
        Optional.ofNullable(rs.getString("session_id")), rs.getString("client_id"));
  }

  /** Inserts {@code t} (its id is ignored) and returns it with the id assigned. */
  public static TokenRecord insert(Connection c, TokenRecord t) throws SQLException {
    long id = Sql.insert(c, "INSERT INTO api_tokens (owner_kind, owner_name, prefix, hashed, scopes, note, "
            + "created, expires_at, last_activity, session_id, client_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        t.ownerKind(), t.ownerName(), t.prefix(), t.hashed(), JsonColumns.write(t.scopes()), t.note(),
        t.created().toEpochMilli(), t.expiresAt().map(Instant::toEpochMilli).orElse(null),
        t.lastActivity().map(Instant::toEpochMilli).orElse(null), t.sessionId().orElse(null), t.clientId());
    return new TokenRecord(id, t.ownerKind(), t.ownerName(), t.prefix(), t.hashed(), t.scopes(), t.note(),
        t.created(), t.expiresAt(), t.lastActivity(), t.sessionId(), t.clientId());
  }

  public static void delete(Connection c, long id) throws SQLException {
    Sql.update(c, "DELETE FROM api_tokens WHERE id = ?", id);
  }

  public static void deleteOwnedBy(Connection c, String ownerKind, String ownerName) throws SQLException {
    Sql.update(c, "DELETE FROM api_tokens WHERE owner_kind = ? AND owner_name = ?", ownerKind, ownerName);
  }

  public static void renameOwner(Connection c, String oldName, String newName) throws SQLException {
    Sql.update(c, "UPDATE api_tokens SET owner_name = ? WHERE owner_kind = 'user' AND owner_name = ?",
        newName, oldName);
  }

  public static void touch(Connection c, long id, Instant when) throws SQLException {
    Sql.update(c, "UPDATE api_tokens SET last_activity = ? WHERE id = ?", when.toEpochMilli(), id);
  }
}
