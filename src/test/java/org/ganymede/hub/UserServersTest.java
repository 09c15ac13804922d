package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.ganymede.store.UserRecord;

/** Which users have servers, found with one sorted-map lookup, against the obvious answer. */
class UserServersTest {
  /** Short names from a tiny alphabet, so that many are prefixes of others ("a", "a-", "a.b", "ab"). */
  @Property(tries = 500)
  void hasServersAgreesWithScanningEveryServer(
      @ForAll @Size(max = 12) List<@StringLength(min = 1, max = 3) @Chars({'a', 'b', '-', '.', '_'}) String> owners,
      @ForAll @Size(max = 12) List<@StringLength(min = 1, max = 3) @Chars({'a', 'b', '-', '.', '_'}) String> asked) {
    UserServers servers = new UserServers("/");
    for (int i = 0; i < owners.size(); i++) {
      servers.getOrCreate(owners.get(i), i % 2 == 0 ? "" : "named" + i, "/user/" + owners.get(i) + "/");
    }
    for (String name : asked) {
      boolean expected = servers.all().stream().anyMatch(s -> s.user().equals(name));
      assertThat(servers.hasServers(user(name))).as(name + " among " + owners).isEqualTo(expected);
    }
  }

  private static UserRecord user(String name) {
    return new UserRecord(1, name, false, Instant.EPOCH, Optional.empty(), "cookie");
  }
}
