package org.ganymede.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeSetTest {
  private final ScopeCatalogue catalogue = ScopeCatalogue.standard();
  private final GroupMembership staff = user -> user.equals("alice") ? Set.of("staff") : Set.of();

  private static ScopeSet set(String... scopes) {
    return ScopeSet.parse(List.of(scopes));
  }

  @Test
  void selfExpandsToTheOwnersUserScopesIncludingSharing() {
    List<String> expanded = set("self").expand(catalogue, Owner.user("alice")).strings();
    assertThat(expanded).contains("read:users!user=alice", "servers!user=alice",
        "delete:servers!user=alice", "tokens!user=alice", "access:servers!user=alice",
        "users:shares!user=alice", "read:users:shares!user=alice", "read:shares!user=alice",
        "read:users:name!user=alice");
    assertThat(expanded).allSatisfy(s -> assertThat(s).endsWith("!user=alice"));
    assertThat(expanded).doesNotContain("shares!user=alice", "admin:users!user=alice");
  }

  @Test
  void selfGivesAServiceNothing() {
    assertThat(set("self").expand(catalogue, Owner.service("announcer")).isEmpty()).isTrue();
  }

  @Test
  void subscopesExpandRecursivelyAndKeepTheFilter() {
    assertThat(set("admin:users!group=staff").expand(catalogue, Owner.user("bob")).strings())
        .containsExactly("admin:auth_state!group=staff", "admin:users!group=staff",
            "delete:users!group=staff", "list:users!group=staff", "read:roles:users!group=staff",
            "read:users!group=staff", "read:users:activity!group=staff",
            "read:users:groups!group=staff", "read:users:name!group=staff", "users!group=staff",
            "users:activity!group=staff");
  }

  @Test
  void bareFiltersResolveToTheOwner() {
    ScopeSet serverRole = Roles.defaults().scopesOf(List.of("server"));
    assertThat(serverRole.expand(catalogue, Owner.server("alice", "lab")).strings())
        .containsExactly("access:servers!server=alice/lab", "read:users:activity!user=alice",
            "users:activity!user=alice");
    assertThat(set("access:services!service").expand(catalogue, Owner.service("svc")).strings())
        .containsExactly("access:services!service=svc");
  }

  @Test
  void bareFiltersTheOwnerCannotFillGrantNothing() {
    assertThat(set("access:servers!server").expand(catalogue, Owner.user("alice")).isEmpty()).isTrue();
    assertThat(set("read:users!user").expand(catalogue, Owner.service("svc")).isEmpty()).isTrue();
  }

  @Test
  void readingAServerImpliesReadingItsOwnersName() {
    assertThat(set("read:servers!server=alice/lab").expand(catalogue, Owner.user("bob")).strings())
        .containsExactly("read:servers!server=alice/lab", "read:users:name!server=alice/lab",
            "read:users:name!user=alice");
  }

  @Test
  void unfilteredScopeAbsorbsItsFilteredForms() {
    assertThat(set("read:users", "read:users!user=alice", "tokens!user=bob").strings())
        .containsExactly("read:users", "tokens!user=bob");
  }

  @Test
  void intersectionKeepsTheFilteredSideWhicheverSideItIsOn() {
    assertThat(set("read:users").intersect(set("read:users!user=alice")).strings())
        .containsExactly("read:users!user=alice");
    assertThat(set("read:users!user=alice").intersect(set("read:users")).strings())
        .containsExactly("read:users!user=alice");
  }

  @Test
  void intersectionResolvesUsersInGroupsAndServersOfUsers() {
    assertThat(set("servers!user=alice", "servers!user=bob")
        .intersect(set("servers!group=staff"), staff).strings())
        .containsExactly("servers!user=alice");
    assertThat(set("servers!server=alice/lab", "servers!server=bob/")
        .intersect(set("servers!user=alice"), staff).strings())
        .containsExactly("servers!server=alice/lab");
    assertThat(set("servers!group=staff").intersect(set("servers!user=alice")).strings())
        .isEmpty(); // without membership, a group never covers a user
  }

  @Test
  void intersectionDropsScopesOnlyOneSideHolds() {
    assertThat(set("read:users", "admin:users").intersect(set("read:users", "proxy")).strings())
        .containsExactly("read:users");
  }

  @Test
  void stringsAreSortedForApiUser() {
    assertThat(set("tokens!user=a", "access:servers!user=a", "read:hub").strings())
        .containsExactly("access:servers!user=a", "read:hub", "tokens!user=a");
  }

  @Test
  void customScopesExpandThroughTheirSubscopes() {
    ScopeCatalogue custom = catalogue.withCustomScopes(Map.of(
        "custom:app:all", CustomScope.of("All", "custom:app:read"),
        "custom:app:read", CustomScope.of("Read")));
    assertThat(set("custom:app:all!user").expand(custom, Owner.user("alice")).strings())
        .containsExactly("custom:app:all!user=alice", "custom:app:read!user=alice");
  }
}
