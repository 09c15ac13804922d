package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads and writes {@code services}. */
public final class ServiceRows {
  private ServiceRows() {}

  public record ServiceRecord(long id, String name, boolean admin, String url, String oauthClientId) {}

  public static List<ServiceRecord> all(Connection c) throws SQLException {
    return Sql.query(c, "SELECT id, name, admin, url, oauth_client_id FROM services ORDER BY id",
        rs -> new ServiceRecord(rs.getLong(1), rs.getString(2), rs.getLong(3) != 0, rs.getString(4),
            rs.getString(5)));
  }

  public static void upsert(Connection c, String name, boolean admin, String url, String oauthClientId)
      throws SQLException {
    int n = Sql.update(c, "UPDATE services SET admin = ?, url = ?, oauth_client_id = ? WHERE name = ?", admin, url,
        oauthClientId, name);
    if (n == 0) {
      Sql.insert(c, "INSERT INTO services (name, admin, url, oauth_client_id) VALUES (?, ?, ?, ?)", name, admin,
          url, oauthClientId);
    }
  }

  public static void delete(Connection c, String name) throws SQLException {
    Sql.update(c, "DELETE FROM services WHERE name = ?", name);
  }
}
