package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The JupyterHub REST API of a real hub, with scopes allowed and refused, and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {
  Path dir;
  RunningHub hub;

  @BeforeAll
  void start() throws java.io.IOException {
    dir = java.nio.file.Files.createTempDirectory("ganymede-api");
    hub = RunningHub.start(dir,
        "--JupyterHub.load_roles=[{'name': 'alice-reader', 'scopes': ['read:users!user=alice', 'list:users!user=alice'],"
            + " 'users': ['bob']}]",
        "--JupyterHub.services=[{'name': 'monitor', 'api_token': 'monitor-secret-token-0123456789'}]");
  }

  @AfterAll
  void stop() {
    hub.close();
  }

  String tokenFor(String user) {
    return hub.hub.tokens().issue("user", user, List.of("inherit"), "t", java.util.Optional.empty(),
        java.util.Optional.empty(), "jupyterhub").secret();
  }

  @Test
  void rootAnswersTheVersionWithoutCredentials() {
    var r = hub.api("GET", "/", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("version").asString()).isEqualTo("5.5.1");
    assertThat(r.header("X-JupyterHub-Version")).isEqualTo("5.5.1");
  }

  @Test
  void aJsonBodySentAsAFormLikeCurlDashDIsReadAsJson() {
    // `curl -X POST -d '{"usernames": [...]}'` labels the body form-urlencoded; JupyterHub reads it as JSON.
    var r = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/hub/api/users")))
        .header("Authorization", "token " + hub.adminToken)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"usernames\": [\"curl1\", \"curl2\"]}")).build());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(hub.admin("GET", "/users/curl2", null).status()).isEqualTo(200);
  }

  @Test
  void infoNeedsReadHub() {
    assertThat(hub.admin("GET", "/info", null).status()).isEqualTo(200);
    hub.admin("POST", "/users/carol", null);
    assertThat(hub.api("GET", "/info", tokenFor("carol"), null).status()).isEqualTo(403);
    assertThat(hub.api("GET", "/info", null, null).json().get("message").asString())
        .isEqualTo("Missing or invalid credentials.");
  }

  @Test
  void userEndpointDescribesTheTokenOwnerWithScopes() {
    var me = hub.admin("GET", "/user", null).json();
    assertThat(me.get("name").asString()).isEqualTo("admin");
    assertThat(me.get("admin").asBoolean()).isTrue();
    assertThat(me.get("kind").asString()).isEqualTo("user");
    assertThat(me.get("scopes").toString()).contains("admin:users", "read:hub");
    assertThat(me.get("token_id").asString()).startsWith("a");
  }

  @Test
  void serviceTokenFromConfigIdentifiesTheService() {
    var me = hub.api("GET", "/user", "monitor-secret-token-0123456789", null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("kind").asString()).isEqualTo("service");
    assertThat(me.json().get("name").asString()).isEqualTo("monitor");
  }

  @Test
  void usersAreCreatedInBulkReadPatchedAndDeleted() {
    var created = hub.admin("POST", "/users", "{\"usernames\": [\"u1\", \"u2\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().size()).isEqualTo(2);
    assertThat(hub.admin("POST", "/users", "{\"usernames\": [\"u1\", \"u2\"]}").status()).isEqualTo(409);
    var u1 = hub.admin("GET", "/users/u1", null).json();
    assertThat(u1.get("kind").asString()).isEqualTo("user");
    assertThat(u1.get("roles").toString()).contains("user");
    assertThat(u1.get("servers").isObject()).isTrue();
    assertThat(u1.get("created").asString()).endsWith("Z");
    var renamed = hub.admin("PATCH", "/users/u1", "{\"name\": \"u1renamed\"}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/users/u1", null).status()).isEqualTo(404);
    assertThat(hub.admin("GET", "/users/u1renamed", null).status()).isEqualTo(200);
    assertThat(hub.admin("DELETE", "/users/u1renamed", null).status()).isEqualTo(204);
    assertThat(hub.admin("GET", "/users/u1renamed", null).status()).isEqualTo(404);
  }

  @Test
  void theUserListShowsEveryChangeAtOnce() {
    hub.admin("POST", "/users/listed", null);
    java.util.function.Supplier<tools.jackson.databind.JsonNode> listed = () -> {
      for (var u : hub.admin("GET", "/users?limit=200", null).json()) {
        if (u.get("name").asString().equals("listed")) return u;
      }
      throw new AssertionError("listed is not in the list");
    };
    assertThat(listed.get().get("admin").asBoolean()).isFalse();
    assertThat(listed.get().get("admin").asBoolean()).as("listed twice, unchanged").isFalse();
    assertThat(hub.admin("PATCH", "/users/listed", "{\"admin\": true}").status()).isEqualTo(200);
    assertThat(listed.get().get("admin").asBoolean()).isTrue();
    assertThat(listed.get().get("roles").toString()).contains("admin");
    hub.admin("POST", "/groups/listers", null);
    hub.admin("POST", "/groups/listers/users", "{\"users\": [\"listed\"]}");
    assertThat(listed.get().get("groups").toString()).contains("listers");
    String now = java.time.Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    assertThat(hub.admin("POST", "/users/listed/activity", "{\"last_activity\": \"" + now + "\"}").status())
        .isEqualTo(200);
    assertThat(listed.get().get("last_activity").asString()).startsWith(now.substring(0, 19));
  }

  @Test
  void listingPaginatesWithTheJupyterHubMediaType() {
    hub.admin("POST", "/users", "{\"usernames\": [\"pag1\", \"pag2\", \"pag3\"]}");
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/hub/api/users?limit=2")))
        .header("Authorization", "token " + hub.adminToken)
        .header("Accept", "application/jupyterhub-pagination+json").build();
    JsonNode page = hub.send(request).json();
    assertThat(page.get("items").size()).isEqualTo(2);
    assertThat(page.get("_pagination").get("total").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(page.get("_pagination").get("next").get("offset").asInt()).isEqualTo(2);
    JsonNode bare = hub.admin("GET", "/users?offset=1&limit=1", null).json();
    assertThat(bare.isArray()).isTrue();
    assertThat(bare.size()).isEqualTo(1);
    assertThat(hub.admin("GET", "/users?limit=abc", null).status()).isEqualTo(400);
    assertThat(hub.admin("GET", "/users?state=bogus", null).status()).isEqualTo(400);
    assertThat(hub.admin("GET", "/users?name_filter=pag", null).json().size()).isEqualTo(3);
  }

  @Test
  void filteredRoleSeesOnlyItsUserAndGets404ForOthers() {
    hub.admin("POST", "/users", "{\"usernames\": [\"alice\", \"bob\", \"eve\"]}");
    String bob = tokenFor("bob");
    assertThat(hub.api("GET", "/users/alice", bob, null).status()).isEqualTo(200);
    assertThat(hub.api("GET", "/users/eve", bob, null).status()).isEqualTo(404);
    JsonNode list = hub.api("GET", "/users", bob, null).json();
    assertThat(list.toString()).contains("\"alice\"").doesNotContain("\"eve\"");
    assertThat(hub.api("DELETE", "/users/alice", bob, null).status()).isEqualTo(403);
  }

  @Test
  void usersWithAdminUsersButNotAdminCannotMakeAdmins() {
    hub.admin("POST", "/users", "{\"usernames\": [\"mallory\"]}");
    String admin = hub.hub.tokens().issue("service", "monitor", List.of("inherit"), "t", java.util.Optional.empty(),
        java.util.Optional.empty(), "jupyterhub").secret();
    assertThat(hub.api("PATCH", "/users/mallory", admin, "{\"admin\": true}").status()).isEqualTo(403);
  }

  @Test
  void badInputGetsClearClientErrorsNeverServerErrors() {
    var malformed = hub.admin("POST", "/users", "{not json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("status").asInt()).isEqualTo(400);
    assertThat(malformed.json().get("message").asString()).contains("Invalid JSON");
    assertThat(hub.admin("GET", "/users/nobody-here", null).status()).isEqualTo(404);
    var invalid = hub.admin("POST", "/users", "{\"usernames\": [\"Not/Valid\"]}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("message").asString()).contains("Invalid usernames");
    hub.admin("POST", "/users/dup", null);
    assertThat(hub.admin("POST", "/users/dup", null).status()).isEqualTo(409);
    var unknownField = hub.admin("PATCH", "/users/dup", "{\"colour\": \"red\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("message").asString()).contains("colour");
    String big = "{\"usernames\": [\"" + "x".repeat(2 * 1024 * 1024) + "\"]}";
    assertThat(hub.admin("POST", "/users", big).status()).isEqualTo(413);
    assertThat(hub.admin("GET", "/no/such/endpoint", null).status()).isEqualTo(404);
    assertThat(hub.admin("POST", "/users", "[1,2]").status()).isEqualTo(400);
  }

  @Test
  void tokensAreCreatedWithScopesListedAndRevoked() {
    hub.admin("POST", "/users/tok", null);
    var created = hub.admin("POST", "/users/tok/tokens",
        "{\"note\": \"ci\", \"expires_in\": 3600, \"scopes\": [\"read:users!user=tok\"]}");
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asString();
    String id = created.json().get("id").asString();
    assertThat(created.json().get("expires_at").isNull()).isFalse();
    assertThat(hub.api("GET", "/users/tok", token, null).status()).isEqualTo(200);
    assertThat(hub.admin("GET", "/users/tok/tokens", null).json().get("api_tokens").toString()).contains(id);
    assertThat(hub.admin("GET", "/users/tok/tokens/" + id, null).json().get("note").asString()).contains("ci");
    var tooMuch = hub.api("POST", "/users/tok/tokens", token, "{\"scopes\": [\"admin:users\"]}");
    assertThat(tooMuch.status()).isIn(400, 403);
    var unknownScope = hub.admin("POST", "/users/tok/tokens", "{\"scopes\": [\"read:userz\"]}");
    assertThat(unknownScope.status()).isEqualTo(400);
    assertThat(hub.admin("DELETE", "/users/tok/tokens/" + id, null).status()).isEqualTo(204);
    assertThat(hub.api("GET", "/users/tok", token, null).status()).isEqualTo(403);
  }

  @Test
  void groupsAreCreatedGivenMembersAndPropertiesAndDeleted() {
    hub.admin("POST", "/users", "{\"usernames\": [\"g1\", \"g2\"]}");
    assertThat(hub.admin("POST", "/groups/team", "{\"users\": [\"g1\"]}").status()).isEqualTo(201);
    assertThat(hub.admin("POST", "/groups/team", null).status()).isEqualTo(409);
    var added = hub.admin("POST", "/groups/team/users", "{\"users\": [\"g2\"]}");
    assertThat(added.json().get("users").toString()).contains("g1", "g2");
    assertThat(hub.admin("GET", "/users/g2", null).json().get("groups").toString()).contains("team");
    var props = hub.admin("PUT", "/groups/team/properties", "{\"course\": \"cs101\"}");
    assertThat(props.json().get("properties").get("course").asString()).isEqualTo("cs101");
    assertThat(hub.admin("DELETE", "/groups/team/users", "{\"users\": [\"g1\"]}").json().get("users").toString())
        .doesNotContain("g1");
    assertThat(hub.admin("POST", "/groups/team/users", "{\"users\": [\"ghost\"]}").status()).isEqualTo(400);
    assertThat(hub.admin("POST", "/groups", "{\"groups\": [\"a1\", \"a2\"]}").status()).isEqualTo(201);
    assertThat(hub.admin("GET", "/groups", null).json().toString()).contains("team", "a1", "a2");
    assertThat(hub.admin("DELETE", "/groups/team", null).status()).isEqualTo(204);
    assertThat(hub.admin("GET", "/groups/team", null).status()).isEqualTo(404);
  }

  @Test
  void healthAnswersWithoutCredentials() {
    var r = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/hub/health"))).build());
    assertThat(r.status()).isEqualTo(200);
  }
}
