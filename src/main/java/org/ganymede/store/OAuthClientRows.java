package org.ganymede.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads and writes {@code oauth_clients}. The client secret is stored only as a hash. */
public final class OAuthClientRows {
  private OAuthClientRows() {}

  /** An OAuth client: a user server or a service. */
  public record OAuthClientRecord(String identifier, String description, String secretHash, String redirectUri,
      List<String> allowedScopes) {
    public OAuthClientRecord {
      allowedScopes = List.copyOf(allowedScopes);
    }
  }

  public static List<OAuthClientRecord> all(Connection c) throws SQLException {
    return Sql.query(c, "SELECT identifier, description, secret_hash, redirect_uri, allowed_scopes FROM oauth_clients",
        rs -> new OAuthClientRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            JsonColumns.stringList(rs.getString(5))));
  }

  public static void upsert(Connection c, OAuthClientRecord r) throws SQLException {
    int n = Sql.update(c, "UPDATE oauth_clients SET description = ?, secret_hash = ?, redirect_uri = ?, "
        + "allowed_scopes = ? WHERE identifier = ?", r.description(), r.secretHash(), r.redirectUri(),
        JsonColumns.write(r.allowedScopes()), r.identifier());
    if (n == 0) {
      Sql.insert(c, "INSERT INTO oauth_clients (identifier, description, secret_hash, redirect_uri, allowed_scopes) "
          + "VALUES (?, ?, ?, ?, ?)", r.identifier(), r.description(), r.secretHash(), r.redirectUri(),
          JsonColumns.write(r.allowedScopes()));
    }
  }

  public static void delete(Connection c, String identifier) throws SQLException {
    Sql.update(c, "DELETE FROM oauth_clients WHERE identifier = ?", identifier);
  }
}
