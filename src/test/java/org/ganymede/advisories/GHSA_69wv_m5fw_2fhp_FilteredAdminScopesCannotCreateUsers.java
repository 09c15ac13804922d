package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GHSA-69wv-m5fw-2fhp: admin:users!group=… must not be enough to create users or groups outside the filter. */
class GHSA_69wv_m5fw_2fhp_FilteredAdminScopesCannotCreateUsers {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void filteredAdminCanManageItsGroupButCreatesNothing() throws Exception {
    var hub = hubs.start("""
        c.JupyterHub.load_groups = {'staff': ['carol']}
        c.JupyterHub.load_roles = [{'name': 'grp-admin',
            'scopes': ['admin:users!group=staff', 'admin:groups!group=staff', 'list:users!group=staff'],
            'users': ['alice']}]
        """);
    String alice = hub.token("alice", List.of("inherit"));
    assertThat(hub.api("POST", "/users", alice, "{\"usernames\":[\"mallory\"]}").statusCode()).isIn(403, 404);
    assertThat(hub.api("POST", "/users/mallory", alice, null).statusCode()).isIn(403, 404);
    assertThat(hub.userExists("mallory")).isFalse();
    assertThat(hub.api("POST", "/groups", alice, "{\"groups\":[\"evil\"]}").statusCode()).isIn(403, 404);
    assertThat(hub.api("POST", "/groups/evil", alice, null).statusCode()).isIn(403, 404);
    assertThat(hub.api("GET", "/groups/evil", hub.adminToken, null).statusCode()).isEqualTo(404);
    var list = hub.api("GET", "/users", alice, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"carol\"").doesNotContain("\"name\":\"admin\"").doesNotContain("\"alice\"");
  }
}
