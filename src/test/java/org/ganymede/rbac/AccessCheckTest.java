package org.ganymede.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessCheckTest {
  private static final ScopeCatalogue CATALOGUE = ScopeCatalogue.standard();
  private static final GroupMembership MEMBERSHIP =
      user -> Map.of("alice", Set.of("staff"), "bob", Set.of("students")).getOrDefault(user, Set.of());

  private static AccessCheck roleHeldBy(String role, Owner owner) {
    ScopeSet expanded = Roles.defaults().scopesOf(List.of(role)).expand(CATALOGUE, owner);
    return AccessCheck.of(expanded, MEMBERSHIP);
  }

  private static Owner owner(String spec) {
    return switch (spec) {
      case "alice" -> Owner.user("alice");
      case "alice/lab" -> Owner.server("alice", "lab");
      case "svc" -> Owner.service("svc");
      default -> throw new IllegalArgumentException(spec);
    };
  }

  private static Resource resource(String kind, String name) {
    return new Resource(ResourceKind.valueOf(kind), name);
  }

  @ParameterizedTest(name = "{0} role of {1}: {2} on {3} {4} → {5}")
  @CsvSource({
      // the user role: everything about yourself, nothing about others (404 hides them)
      "user, alice, read:users, USER, alice, ALLOWED_FOR_RESOURCE",
      "user, alice, read:users, USER, bob, NOT_FOUND",
      "user, alice, servers, SERVER, alice/, ALLOWED_FOR_RESOURCE",
      "user, alice, servers, SERVER, alice/lab, ALLOWED_FOR_RESOURCE",
      "user, alice, access:servers, SERVER, bob/, NOT_FOUND",
      "user, alice, tokens, USER, alice, ALLOWED_FOR_RESOURCE",
      "user, alice, admin:users, USER, alice, FORBIDDEN",
      "user, alice, read:groups, GROUP, staff, FORBIDDEN",
      "user, alice, access:services, SERVICE, svc, FORBIDDEN",
      "user, alice, shares, SERVER, alice/, FORBIDDEN",
      "user, alice, read:shares, SERVER, alice/, ALLOWED_FOR_RESOURCE",
      "user, svc, read:users, USER, alice, FORBIDDEN",
      // the admin role: unfiltered on every kind of resource
      "admin, alice, admin:users, USER, bob, ALLOWED_UNFILTERED",
      "admin, alice, admin:auth_state, USER, bob, ALLOWED_UNFILTERED",
      "admin, alice, admin:server_state, SERVER, bob/lab, ALLOWED_UNFILTERED",
      "admin, alice, access:servers, SERVER, bob/, ALLOWED_UNFILTERED",
      "admin, alice, delete:groups, GROUP, students, ALLOWED_UNFILTERED",
      "admin, alice, admin:services, SERVICE, svc, ALLOWED_UNFILTERED",
      "admin, alice, access:services, SERVICE, svc, ALLOWED_UNFILTERED",
      "admin, alice, read:roles:groups, GROUP, staff, ALLOWED_UNFILTERED",
      "admin, alice, shares, SERVER, bob/, ALLOWED_UNFILTERED",
      "admin, svc, read:metrics, USER, alice, ALLOWED_UNFILTERED",
      // the server role: activity of its user, access to that one server only
      "server, alice/lab, access:servers, SERVER, alice/lab, ALLOWED_FOR_RESOURCE",
      "server, alice/lab, access:servers, SERVER, alice/, NOT_FOUND",
      "server, alice/lab, access:servers, SERVER, bob/lab, NOT_FOUND",
      "server, alice/lab, users:activity, USER, alice, ALLOWED_FOR_RESOURCE",
      "server, alice/lab, users:activity, USER, bob, NOT_FOUND",
      "server, alice/lab, read:users, USER, alice, FORBIDDEN",
      "server, alice/lab, servers, SERVER, alice/lab, FORBIDDEN",
      "server, alice, access:servers, SERVER, alice/, FORBIDDEN",
      // the token role alone holds only 'inherit', which a handler never requires
      "token, alice, read:users, USER, alice, FORBIDDEN",
  })
  void defaultRolesOnEachKindOfResource(String role, String ownerSpec, String scope, String kind,
      String name, Decision.Outcome expected) {
    Decision decision = roleHeldBy(role, owner(ownerSpec)).check(resource(kind, name), scope);
    assertThat(decision.outcome()).isEqualTo(expected);
  }

  @Test
  void tokenRoleGivesTheOwnersScopesThroughInherit() {
    ScopeSet ownerScopes = Roles.defaults().scopesOf(List.of("user")).expand(CATALOGUE, Owner.user("alice"));
    ScopeSet token = TokenScopes.effective(CATALOGUE, Owner.user("alice"),
        Roles.defaults().scopesOf(List.of("token")), ownerScopes, MEMBERSHIP);
    assertThat(token).isEqualTo(ownerScopes);
    AccessCheck check = AccessCheck.of(token, MEMBERSHIP);
    assertThat(check.check(Resource.server("alice", ""), "servers").allowed()).isTrue();
    assertThat(check.check(Resource.server("bob", ""), "servers").httpStatus()).isEqualTo(404);
  }

  @Test
  void groupFilterCoversMembersAndTheirServersOnly() {
    AccessCheck check = AccessCheck.of(ScopeSet.parse(List.of("admin:users!group=staff",
        "admin:servers!group=staff")).expand(CATALOGUE, Owner.user("carol")), MEMBERSHIP);
    assertThat(check.check(Resource.user("alice"), "admin:users").outcome())
        .isEqualTo(Decision.Outcome.ALLOWED_FOR_RESOURCE);
    assertThat(check.check(Resource.server("alice", "lab"), "servers").allowed()).isTrue();
    assertThat(check.check(Resource.user("bob"), "admin:users").httpStatus()).isEqualTo(404);
    assertThat(check.check(Resource.group("students"), "admin:users").httpStatus()).isEqualTo(404);
  }

  @Test
  void creationWithoutANameInThePathNeedsTheUnfilteredScope() {
    AccessCheck delegated = AccessCheck.of(ScopeSet.parse(List.of("admin:users!group=staff",
        "admin:groups!group=staff")).expand(CATALOGUE, Owner.user("carol")), MEMBERSHIP);
    Decision createUsers = delegated.checkUnfiltered("admin:users");
    assertThat(createUsers.httpStatus()).isEqualTo(403);
    assertThat(createUsers.message()).isEqualTo(
        "Action is not authorized with current scopes; requires any of [admin:users]");
    assertThat(delegated.checkUnfiltered("admin:groups").allowed()).isFalse();
    AccessCheck admin = roleHeldBy("admin", Owner.user("root"));
    assertThat(admin.checkUnfiltered("admin:users").outcome())
        .isEqualTo(Decision.Outcome.ALLOWED_UNFILTERED);
  }

  @Test
  void listEndpointsAcceptFilteredScopesAndFilterTheResults() {
    AccessCheck check = AccessCheck.of(ScopeSet.parse(List.of("list:users!group=staff",
        "list:users!user=bob")).expand(CATALOGUE, Owner.user("carol")), MEMBERSHIP);
    assertThat(check.checkList("list:users").outcome())
        .isEqualTo(Decision.Outcome.ALLOWED_FOR_RESOURCE);
    List<String> shown = check.filter(List.of("alice", "bob", "carol", "dave"), Resource::user,
        "list:users");
    assertThat(shown).containsExactly("alice", "bob");
    assertThat(check.checkList("list:groups").httpStatus()).isEqualTo(403);
  }

  @Test
  void anyOfSeveralAlternativeScopesSuffices() {
    AccessCheck check = AccessCheck.of(ScopeSet.parse(List.of("read:users:name!user=alice")),
        MEMBERSHIP);
    Decision d = check.check(Resource.user("alice"), "read:users", "read:users:name", "read:servers");
    assertThat(d.allowed()).isTrue();
    assertThat(d.grantedBy()).isEqualTo("read:users:name");
  }

  @Test
  void userFilterCoversEveryServerOfThatUser() {
    AccessCheck check = AccessCheck.of(ScopeSet.parse(List.of("access:servers!user=alice")),
        GroupMembership.none());
    assertThat(check.allows("access:servers", Resource.server("alice", ""))).isTrue();
    assertThat(check.allows("access:servers", Resource.server("alice", "lab"))).isTrue();
    assertThat(check.allows("access:servers", Resource.server("alicea", ""))).isFalse();
  }
}
