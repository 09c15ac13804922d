package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes {@code groups} and {@code user_group_map}. */
public final class GroupRows {
  private GroupRows() {}

  public static List<GroupRecord> all(Connection c) throws SQLException {
    Map<Long, List<String>> members = new HashMap<>();
    for (String[] row : Sql.query(c,
        "SELECT m.group_id, u.name FROM user_group_map m JOIN users u ON u.id = m.user_id ORDER BY u.id",
        rs -> new String[] {Long.toString(rs.getLong(1)), rs.getString(2)})) {
      members.computeIfAbsent(Long.parseLong(row[0]), k -> new ArrayList<>()).add(row[1]);
    }
    return Sql.query(c, "SELECT id, name, properties FROM groups ORDER BY id",
        rs -> new GroupRecord(rs.getLong("id"), rs.getString("name"), rs.getString("properties"),
            members.getOrDefault(rs.getLong("id"), List.of())));
  }

  public static long insert(Connection c, String name, String propertiesJson) throws SQLException {
    return Sql.insert(c, "INSERT INTO groups (name, properties) VALUES (?, ?)", name, propertiesJson);
  }

  public static void setProperties(Connection c, long groupId, String propertiesJson) throws SQLException {
    Sql.update(c, "UPDATE groups SET properties = ? WHERE id = ?", propertiesJson, groupId);
  }

  public static void delete(Connection c, long groupId) throws SQLException {
    Sql.update(c, "DELETE FROM groups WHERE id = ?", groupId);
  }

  public static void addMember(Connection c, long groupId, long userId) throws SQLException {
    if (Sql.query(c, "SELECT 1 FROM user_group_map WHERE user_id = ? AND group_id = ?", rs -> 1, userId,
        groupId).isEmpty()) {
      Sql.update(c, "INSERT INTO user_group_map (user_id, group_id) VALUES (?, ?)", userId, groupId);
    }
  }

  public static void removeMember(Connection c, long groupId, long userId) throws SQLException {
    Sql.update(c, "DELETE FROM user_group_map WHERE user_id = ? AND group_id = ?", userId, groupId);
  }
}
