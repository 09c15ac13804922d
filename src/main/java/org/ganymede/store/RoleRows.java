package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes {@code roles} and {@code role_members}. */
public final class RoleRows {
  private RoleRows() {}

  public static List<RoleRecord> all(Connection c) throws SQLException {
    Map<Long, Set<String>> members = new HashMap<>();
    for (Object[] row : Sql.query(c, "SELECT role_id, member_kind, member_name FROM role_members",
        rs -> new Object[] {rs.getLong(1), rs.getString(2) + ":" + rs.getString(3)})) {
      members.computeIfAbsent((Long) row[0], k -> new HashSet<>()).add((String) row[1]);
    }
    return Sql.query(c, "SELECT id, name, description, scopes FROM roles ORDER BY id",
        rs -> new RoleRecord(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
            JsonColumns.stringList(rs.getString("scopes")), members.getOrDefault(rs.getLong("id"), Set.of())));
  }

  /** Creates or replaces the role named {@code name}, keeping its id and its members. */
  public static long upsert(Connection c, String name, String description, List<String> scopes)
      throws SQLException {
    List<Long> ids = Sql.query(c, "SELECT id FROM roles WHERE name = ?", rs -> rs.getLong(1), name);
    if (ids.isEmpty()) {
      return Sql.insert(c, "INSERT INTO roles (name, description, scopes) VALUES (?, ?, ?)", name, description,
          JsonColumns.write(scopes));
    }
    Sql.update(c, "UPDATE roles SET description = ?, scopes = ? WHERE id = ?", description, JsonColumns.write(scopes),
        ids.get(0));
    return ids.get(0);
  }

  public static void delete(Connection c, String name) throws SQLException {
    Sql.update(c, "DELETE FROM roles WHERE name = ?", name);
  }

  public static void addMember(Connection c, long roleId, String kind, String name) throws SQLException {
    if (Sql.query(c, "SELECT 1 FROM role_members WHERE role_id = ? AND member_kind = ? AND member_name = ?",
        rs -> 1, roleId, kind, name).isEmpty()) {
      Sql.update(c, "INSERT INTO role_members (role_id, member_kind, member_name) VALUES (?, ?, ?)", roleId,
          kind, name);
    }
  }

  public static void removeMember(Connection c, String kind, String name) throws SQLException {
    Sql.update(c, "DELETE FROM role_members WHERE member_kind = ? AND member_name = ?", kind, name);
  }

  public static void renameMember(Connection c, String kind, String oldName, String newName)
      throws SQLException {
    Sql.update(c, "UPDATE role_members SET member_name = ? WHERE member_kind = ? AND member_name = ?", newName,
        kind, oldName);
  }
}
