package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GHSA-9x4q-3gxw-849f / CVE-2024-41942: admin:users must not escalate to full admin. */
class GHSA_9x4q_3gxw_849f_AdminUsersScopeCannotGrantAdmin {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void holderOfAdminUsersCannotMakeAnyoneAdminNorTouchAdmins() throws Exception {
    var hub = hubs.start("""
        c.Authenticator.allowed_users = {'bob'}
        c.JupyterHub.load_roles = [{'name': 'user-admin', 'scopes': ['admin:users'], 'users': ['alice']}]
        """);
    String alice = hub.token("alice", List.of("inherit"));
    assertThat(hub.api("PATCH", "/users/alice", alice, "{\"admin\": true}").statusCode()).isEqualTo(403);
    assertThat(hub.api("POST", "/users", alice, "{\"usernames\":[\"x\"],\"admin\":true}").statusCode()).isEqualTo(403);
    assertThat(hub.api("POST", "/users/y", alice, "{\"admin\":true}").statusCode()).isEqualTo(403);
    assertThat(hub.api("PATCH", "/users/admin", alice, "{\"name\":\"z\"}").statusCode()).isEqualTo(403);
    assertThat(hub.api("GET", "/users/alice", hub.adminToken, null).body()).contains("\"admin\":false");
    assertThat(hub.userExists("x")).isFalse();
    assertThat(hub.userExists("y")).isFalse();
    assertThat(hub.api("PATCH", "/users/bob", alice, "{\"admin\": false}").statusCode()).isEqualTo(200);
  }
}
