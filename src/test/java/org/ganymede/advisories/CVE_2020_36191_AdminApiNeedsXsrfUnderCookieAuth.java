package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CVE-2020-36191: the admin API must not be driven cross-site through the admin's cookie. */
class CVE_2020_36191_AdminApiNeedsXsrfUnderCookieAuth {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();

  @Test
  void adminCookieWithoutXsrfDeletesAndCreatesNobody() throws Exception {
    var hub = hubs.start("c.Authenticator.allowed_users = {'bob'}\n");
    var admin = AdvisoryHub.Browser.create();
    admin.login(hub, "admin", "x", null);
    var delete = admin.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/bob"))).header("Origin", "https://evil.example")
        .DELETE());
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(hub.userExists("bob")).isTrue();
    var create = admin.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users"))).header("Origin", "https://evil.example")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"usernames\":[\"eve\"]}")));
    assertThat(create.statusCode()).isEqualTo(403);
    var form = admin.send(HttpRequest.newBuilder(URI.create(hub.url("/hub/api/users/eve2")))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=b")));
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(hub.userExists("eve")).isFalse();
    assertThat(hub.userExists("eve2")).isFalse();
  }
}
