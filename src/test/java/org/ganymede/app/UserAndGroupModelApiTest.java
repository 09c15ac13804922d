package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What JupyterHub 5 clients send and read about users and groups: {@code sort} of the user list,
 * user and group bodies checked key by key, and the {@code groups}, {@code roles} and
 * {@code auth_state} fields of a user PATCH, each with the scope it needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAndGroupModelApiTest {
  Path dir;
  RunningHub hub;

  @BeforeAll
  void start() throws java.io.IOException {
    dir = Files.createTempDirectory("ganymede-models");
    hub = RunningHub.start(dir, "--JupyterHub.load_roles=["
        + "{'name': 'um-user-manager', 'scopes': ['admin:users'], 'users': ['um-manager']},"
        + "{'name': 'um-team-lead', 'scopes': ['admin:users', 'groups!group=um-team'], 'users': ['um-lead']}]");
  }

  @AfterAll
  void stop() {
    hub.close();
  }

  String tokenFor(String user) {
    return hub.hub.tokens().issue("user", user, List.of("inherit"), "t", Optional.empty(), Optional.empty(),
        "jupyterhub").secret();
  }

  List<String> names(JsonNode users) {
    List<String> out = new ArrayList<>();
    users.forEach(u -> out.add(u.get("name").asString()));
    return out;
  }

  List<String> list(String query) {
    var r = hub.admin("GET", "/users?name_filter=srt-&" + query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return names(r.json());
  }

  @Test
  void usersAreSortedByIdNameOrLastActivityEitherWayAndPagesKeepTheOrder() {
    assertThat(hub.admin("POST", "/users", "{\"usernames\": [\"srt-c\", \"srt-a\", \"srt-d\", \"srt-b\"]}").status())
        .isEqualTo(201);
    hub.hub.users().recordActivity("srt-d", Instant.parse("2024-01-01T00:00:00Z"));
    hub.hub.users().recordActivity("srt-c", Instant.parse("2024-06-01T00:00:00Z"));
    hub.hub.users().recordActivity("srt-a", Instant.parse("2024-06-01T00:00:00Z"));

    assertThat(list("")).containsExactly("srt-c", "srt-a", "srt-d", "srt-b");
    assertThat(list("sort=id")).containsExactly("srt-c", "srt-a", "srt-d", "srt-b");
    assertThat(list("sort=-id")).containsExactly("srt-b", "srt-d", "srt-a", "srt-c");
    assertThat(list("sort=name")).containsExactly("srt-a", "srt-b", "srt-c", "srt-d");
    assertThat(list("sort=-name")).containsExactly("srt-d", "srt-c", "srt-b", "srt-a");
    assertThat(list("sort=last_activity")).as("never active first; equal times by id")
        .containsExactly("srt-b", "srt-d", "srt-c", "srt-a");
    assertThat(list("sort=-last_activity")).as("never active last")
        .containsExactly("srt-c", "srt-a", "srt-d", "srt-b");
    assertThat(list("sort=-name&state=inactive&offset=1&limit=2")).containsExactly("srt-c", "srt-b");

    var page = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            hub.url("/hub/api/users?name_filter=srt-&sort=-name&limit=2")))
        .header("Authorization", "token " + hub.adminToken)
        .header("Accept", "application/jupyterhub-pagination+json").build()).json();
    assertThat(names(page.get("items"))).containsExactly("srt-d", "srt-c");
    String next = page.get("_pagination").get("next").get("url").asString();
    assertThat(next).startsWith(hub.url("/hub/api/users?"))
        .contains("name_filter=srt-", "sort=-name", "offset=2", "limit=2");
    var second = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(next))
        .header("Authorization", "token " + hub.adminToken)
        .header("Accept", "application/jupyterhub-pagination+json").build()).json();
    assertThat(names(second.get("items"))).containsExactly("srt-b", "srt-a");
  }

  @Test
  void anUnknownSortKeyIsRefusedQuotingIt() {
    var r = hub.admin("GET", "/users?sort=created", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asString())
        .isEqualTo("sort must be 'id', 'name', or 'last_activity', not 'created'");
    assertThat(hub.admin("GET", "/users?sort=-", null).status()).isEqualTo(400);
  }

  @Test
  void unknownKeysInAUserOrGroupBodyAreRefusedByNameAndNothingIsCreated() {
    var many = hub.admin("POST", "/users", "{\"usernames\": [\"key-one\"], \"admn\": true}");
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.json().get("message").asString()).contains("'admn'", "user model");
    assertThat(hub.admin("GET", "/users/key-one", null).status()).isEqualTo(404);

    var one = hub.admin("POST", "/users/key-two", "{\"email\": \"x@example.org\"}");
    assertThat(one.status()).isEqualTo(400);
    assertThat(one.json().get("message").asString()).contains("'email'");
    assertThat(hub.admin("GET", "/users/key-two", null).status()).isEqualTo(404);

    hub.admin("POST", "/users/key-three", null);
    var patch = hub.admin("PATCH", "/users/key-three", "{\"nmae\": \"key-four\"}");
    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.json().get("message").asString()).contains("'nmae'");

    var group = hub.admin("POST", "/groups/key-group", "{\"members\": [\"key-three\"]}");
    assertThat(group.status()).isEqualTo(400);
    assertThat(group.json().get("message").asString()).contains("'members'", "group model");
    assertThat(hub.admin("GET", "/groups/key-group", null).status()).isEqualTo(404);
    var groups = hub.admin("POST", "/groups", "{\"groups\": [\"key-group\"], \"description\": \"x\"}");
    assertThat(groups.json().get("message").asString()).contains("'description'");
  }

  @Test
  void wrongTypesAreRefusedNamingTheField() {
    hub.admin("POST", "/users/type-one", null);
    var admin = hub.admin("PATCH", "/users/type-one", "{\"admin\": \"yes\"}");
    assertThat(admin.status()).isEqualTo(400);
    assertThat(admin.json().get("message").asString()).startsWith("user.admin must be true or false");
    var name = hub.admin("PATCH", "/users/type-one", "{\"name\": null}");
    assertThat(name.json().get("message").asString()).startsWith("user.name must be a string");
    var groups = hub.admin("PATCH", "/users/type-one", "{\"groups\": [\"a\", 1]}");
    assertThat(groups.json().get("message").asString()).startsWith("user.groups must be a list of strings");
    var members = hub.admin("POST", "/groups", "{\"groups\": [\"type-group\"], \"users\": \"type-one\"}");
    assertThat(members.status()).isEqualTo(400);
    assertThat(members.json().get("message").asString()).startsWith("group.users must be a list of strings");
    assertThat(hub.admin("GET", "/groups/type-group", null).status()).isEqualTo(404);
  }

  @Test
  void patchingGroupsReplacesTheUsersMemberships() {
    hub.admin("POST", "/users", "{\"usernames\": [\"mem-user\"]}");
    hub.admin("POST", "/groups", "{\"groups\": [\"mem-a\", \"mem-b\", \"mem-c\"]}");
    hub.admin("POST", "/groups/mem-a/users", "{\"users\": [\"mem-user\"]}");
    hub.admin("POST", "/groups/mem-b/users", "{\"users\": [\"mem-user\"]}");

    var r = hub.admin("PATCH", "/users/mem-user", "{\"groups\": [\"mem-b\", \"mem-c\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("groups").toString()).contains("mem-b", "mem-c").doesNotContain("mem-a");
    assertThat(r.json().has("auth_state")).isTrue();
    assertThat(hub.admin("GET", "/groups/mem-a", null).json().get("users").toString()).doesNotContain("mem-user");

    var unknown = hub.admin("PATCH", "/users/mem-user", "{\"name\": \"mem-renamed\", \"groups\": [\"mem-zzz\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asString()).contains("mem-zzz");
    assertThat(hub.admin("GET", "/users/mem-user", null).status()).as("nothing half-written").isEqualTo(200);

    assertThat(hub.admin("PATCH", "/users/mem-user", "{\"groups\": []}").json().get("groups").size()).isZero();
  }

  @Test
  void patchingGroupsNeedsTheGroupsScopeOnEachGroupJoinedOrLeft() {
    hub.admin("POST", "/users", "{\"usernames\": [\"um-manager\", \"um-lead\", \"um-member\"]}");
    hub.admin("POST", "/groups", "{\"groups\": [\"um-team\", \"um-other\"]}");
    hub.admin("POST", "/groups/um-other/users", "{\"users\": [\"um-member\"]}");

    var noGroups = hub.api("PATCH", "/users/um-member", tokenFor("um-manager"), "{\"groups\": [\"um-team\"]}");
    assertThat(noGroups.status()).as("admin:users alone does not change groups").isEqualTo(403);
    assertThat(hub.api("PATCH", "/users/um-member", tokenFor("um-manager"), "{\"admin\": false}").status())
        .as("the same caller may patch other fields").isEqualTo(200);

    String lead = tokenFor("um-lead");
    var leaveOther = hub.api("PATCH", "/users/um-member", lead, "{\"groups\": [\"um-team\"]}");
    assertThat(leaveOther.status()).as("leaving um-other needs groups on um-other, which it cannot even see")
        .isEqualTo(404);
    assertThat(hub.admin("GET", "/users/um-member", null).json().get("groups").toString())
        .contains("um-other").doesNotContain("um-team");
    var join = hub.api("PATCH", "/users/um-member", lead, "{\"groups\": [\"um-other\", \"um-team\"]}");
    assertThat(join.status()).as(join.body()).isEqualTo(200);
    assertThat(hub.admin("GET", "/users/um-member", null).json().get("groups").toString())
        .contains("um-team", "um-other");
  }

  @Test
  void rolesAndAuthStateInAUserBodyAreRefusedNotDropped() {
    hub.admin("POST", "/users/ra-user", null);
    var roles = hub.admin("PATCH", "/users/ra-user", "{\"admin\": true, \"roles\": [\"admin\"]}");
    assertThat(roles.status()).isEqualTo(400);
    assertThat(roles.json().get("message").asString()).contains("roles", "load_roles");
    var state = hub.admin("PATCH", "/users/ra-user", "{\"auth_state\": {\"access_token\": \"x\"}}");
    assertThat(state.status()).isEqualTo(400);
    assertThat(state.json().get("message").asString()).contains("auth state is not enabled");
    assertThat(hub.admin("GET", "/users/ra-user", null).json().get("admin").asBoolean()).as("nothing applied")
        .isFalse();
    var created = hub.admin("POST", "/users/ra-new", "{\"auth_state\": {}}");
    assertThat(created.status()).isEqualTo(400);
    assertThat(hub.admin("GET", "/users/ra-new", null).status()).isEqualTo(404);
    var groupRoles = hub.admin("POST", "/groups/ra-group", "{\"roles\": [\"admin\"]}");
    assertThat(groupRoles.status()).isEqualTo(400);
    assertThat(groupRoles.json().get("message").asString()).contains("load_roles");
  }
}
