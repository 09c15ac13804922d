package org.ganymede.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesAndFieldsTest {
  private final ScopeCatalogue catalogue = ScopeCatalogue.standard();

  @Test
  void defaultRolesAreJupyterHub5s() {
    assertThat(Roles.defaults().all()).extracting(Role::name)
        .containsExactly("user", "admin", "server", "token");
    assertThat(Roles.defaults().role("admin").orElseThrow().scopes()).containsExactly(
        "admin-ui", "admin:users", "admin:servers", "admin:services", "tokens", "admin:groups",
        "list:services", "read:services", "read:hub", "proxy", "shutdown", "access:services",
        "access:servers", "read:roles", "read:metrics", "shares");
    assertThat(Roles.defaults().role("server").orElseThrow().scopes())
        .containsExactly("users:activity!user", "access:servers!server");
    Roles.defaults().all().forEach(r -> catalogue.validate(r.scopes(), "role " + r.name()));
  }

  @Test
  void configuredRolesAreAddedAndDefaultsOverriddenByName() {
    Roles roles = Roles.load(catalogue, List.of(
        new Role("culler", "idle culler", List.of("list:users", "read:users:activity",
            "read:servers", "delete:servers"), Set.of(), Set.of(), Set.of("idle-culler")),
        new Role("user", "", List.of("self", "shares!user"), Set.of(), Set.of(), Set.of())));
    assertThat(roles.role("culler").orElseThrow().services()).containsExactly("idle-culler");
    assertThat(roles.role("user").orElseThrow().scopes()).containsExactly("self", "shares!user");
    assertThat(roles.scopesOf(List.of("culler", "gone")).strings()).contains("delete:servers");
  }

  @Test
  void roleWithUnknownScopeIsRefusedNamingRoleAndScope() {
    assertThatThrownBy(() -> Roles.load(catalogue, List.of(
        Role.of("ops", "", List.of("read:hub", "admin:user")))))
        .isInstanceOf(RbacException.class)
        .hasMessageContaining("role 'ops'")
        .hasMessageContaining("'admin:user'")
        .hasMessageContaining("did you mean 'admin:users'");
  }

  @Test
  void roleNamesAndAdminScopesAreChecked() {
    assertThatThrownBy(() -> Roles.load(catalogue, List.of(Role.of("Ops", "", List.of()))))
        .hasMessageContaining("invalid name");
    assertThatThrownBy(() -> Roles.load(catalogue, List.of(
        Role.of("admin", "", List.of("admin-ui")))))
        .hasMessageContaining("'admin' cannot be changed");
    assertThatThrownBy(() -> Roles.load(catalogue, List.of(
        Role.of("ops", "", List.of()), Role.of("ops", "", List.of()))))
        .hasMessageContaining("defined twice");
  }

  @Test
  void userModelFieldsFollowTheCallersScopesForThatUser() {
    AccessCheck nameOnly = AccessCheck.of(ScopeSet.parse(List.of("read:users:name")),
        GroupMembership.none());
    assertThat(ModelFields.user(nameOnly, "bob")).containsExactlyInAnyOrder("kind", "name", "admin");

    AccessCheck readUsers = AccessCheck.of(ScopeSet.parse(List.of("read:users")).expand(catalogue,
        Owner.user("x")), GroupMembership.none());
    assertThat(ModelFields.user(readUsers, "bob")).containsExactlyInAnyOrder("kind", "name", "admin",
        "roles", "groups", "server", "pending", "created", "last_activity");

    AccessCheck self = AccessCheck.of(ScopeSet.parse(List.of("self")).expand(catalogue,
        Owner.user("alice")), GroupMembership.none());
    assertThat(ModelFields.user(self, "alice")).contains("servers").doesNotContain("auth_state");
    assertThat(ModelFields.user(self, "bob")).isEmpty();
    assertThat(ModelFields.serverVisible(self, "alice", "lab")).isTrue();
    assertThat(ModelFields.serverStateVisible(self, "alice", "lab")).isFalse();

    AccessCheck authState = AccessCheck.of(ScopeSet.parse(List.of("admin:auth_state!user=bob")),
        GroupMembership.none());
    assertThat(ModelFields.user(authState, "bob")).containsExactlyInAnyOrder("kind", "name",
        "auth_state");
  }

  @Test
  void groupAndServiceModelFieldsFollowScopes() {
    AccessCheck check = AccessCheck.of(ScopeSet.parse(List.of("read:groups:name",
        "read:services!service=svc")), GroupMembership.none());
    assertThat(ModelFields.group(check, "staff")).containsExactlyInAnyOrder("kind", "name");
    assertThat(ModelFields.service(check, "svc")).contains("url", "command");
    assertThat(ModelFields.service(check, "other")).isEmpty();
  }

  @Test
  void tokenAskingForMoreThanItsOwnerHoldsIsNamed() {
    ScopeSet owner = ScopeSet.parse(List.of("self")).expand(catalogue, Owner.user("alice"));
    ScopeSet excess = TokenScopes.notHeldByOwner(catalogue, Owner.user("alice"),
        ScopeSet.parse(List.of("read:users!user=alice", "admin:users")), owner,
        GroupMembership.none());
    assertThat(excess.strings()).contains("admin:users").doesNotContain("read:users!user=alice");
    assertThat(TokenScopes.notHeldByOwner(catalogue, Owner.user("alice"),
        ScopeSet.parse(List.of("inherit")), owner, GroupMembership.none()).isEmpty()).isTrue();
  }

  @Test
  void tokenScopesShrinkWhenTheOwnerLosesARole() {
    Owner alice = Owner.user("alice");
    ScopeSet token = ScopeSet.parse(List.of("read:users"));
    ScopeSet asAdmin = TokenScopes.effective(catalogue, alice, token,
        Roles.defaults().scopesOf(List.of("user", "admin")).expand(catalogue, alice),
        GroupMembership.none());
    assertThat(asAdmin.hasUnfiltered("read:users")).isTrue();
    ScopeSet asUser = TokenScopes.effective(catalogue, alice, token,
        Roles.defaults().scopesOf(List.of("user")).expand(catalogue, alice), GroupMembership.none());
    assertThat(asUser.strings()).contains("read:users!user=alice", "read:users:name!user=alice")
        .doesNotContain("read:users");
  }
}
