package org.ganymede.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.ganymede.http.HttpException;
import org.ganymede.store.UserRecord;

/**
 * The {@code sort} parameter of {@code GET /users} (JupyterHub 5.0): {@code id}, {@code name} or
 * {@code last_activity}, with a leading {@code -} for descending. A user who was never active sorts
 * first ascending and last descending, as JupyterHub orders NULLs. Equal keys fall back to the id,
 * so pages never overlap or skip a user.
 */
final class UserOrder {
  private static final Comparator<UserRecord> BY_ID = Comparator.comparingLong(UserRecord::id);

  private UserOrder() {}

  /** The order {@code param} names; 400 quoting it when it names none. */
  static Comparator<UserRecord> parse(String param) {
    boolean descending = param.startsWith("-");
    String key = descending ? param.substring(1) : param;
    return switch (key) {
      case "id" -> descending ? BY_ID.reversed() : BY_ID;
      case "name" -> then(descending ? Comparator.comparing(UserRecord::name).reversed()
          : Comparator.comparing(UserRecord::name));
      case "last_activity" -> then(descending ? lastActivity().reversed() : lastActivity());
      default -> throw HttpException.badRequest("sort must be 'id', 'name', or 'last_activity', not '" + param + "'");
    };
  }

  /** Never-active users first: the ascending order; reversed, they come last. */
  private static Comparator<UserRecord> lastActivity() {
    Comparator<Optional<Instant>> nullsFirst = Comparator.comparing(o -> o.orElse(null),
        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
    return Comparator.comparing(UserRecord::lastActivity, nullsFirst);
  }

  private static Comparator<UserRecord> then(Comparator<UserRecord> primary) {
    return primary.thenComparing(BY_ID);
  }
}
