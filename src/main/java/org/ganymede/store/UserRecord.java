package org.ganymede.store;

import java.time.Instant;
import java.util.Optional;

/** A row of {@code users}. {@code cookieId} is the random id the login cookie carries. */
public record UserRecord(long id, String name, boolean admin, Instant created,
    Optional<Instant> lastActivity, String cookieId) {

  public UserRecord withName(String newName) {
    return new UserRecord(id, newName, admin, created, lastActivity, cookieId);
  }

  public UserRecord withAdmin(boolean newAdmin) {
    return new UserRecord(id, name, newAdmin, created, lastActivity, cookieId);
  }

  public UserRecord withLastActivity(Instant when) {
    return new UserRecord(id, name, admin, created, Optional.of(when), cookieId);
  }
}
