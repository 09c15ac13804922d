package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.auth.ldap.Slapd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LDAP login through the hub's login form against a real slapd, black-box: ldapauthenticator's
 * injection fixes (advisories.md D) — {@code *}, {@code alice)(uid=*}, {@code a,ou=x},
 * {@code admin\2a} are refused, no user row is created, and slapd receives them escaped.
 */
class LdapLoginTest {
  private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  static Slapd slapd;
  RunningHub hub;

  @BeforeAll
  static void startDirectory() {
    slapd = Slapd.start("ldaplogintest-carol");
  }

  @AfterAll
  static void stopDirectory() {
    if (slapd != null) slapd.close();
  }

  @AfterEach
  void stop() {
    if (hub != null) hub.close();
  }

  RunningHub ldapHub(int port, String... more) throws Exception {
    List<String> traits = new ArrayList<>(List.of("--JupyterHub.authenticator_class=ldapauthenticator.LDAPAuthenticator",
        "--LDAPAuthenticator.server_address=127.0.0.1", "--LDAPAuthenticator.server_port=" + port,
        "--LDAPAuthenticator.tls_strategy=insecure", "--LDAPAuthenticator.timeout=2",
        "--LDAPAuthenticator.lookup_dn=True", "--LDAPAuthenticator.user_search_base=" + Slapd.PEOPLE,
        "--LDAPAuthenticator.user_attribute=uid", "--LDAPAuthenticator.lookup_dn_user_dn_attribute=uid",
        "--LDAPAuthenticator.lookup_dn_search_user=" + Slapd.SEARCH_DN,
        "--LDAPAuthenticator.lookup_dn_search_password=" + Slapd.SEARCH_PASSWORD,
        "--Authenticator.allow_all=True"));
    traits.addAll(List.of(more));
    return RunningHub.start(Files.createTempDirectory("ldaplogin"), traits.toArray(String[]::new));
  }

  /** A fresh browser's form login, every field URL-encoded. */
  HttpResponse<String> login(String user, String password) throws Exception {
    LoginTest.Browser b = LoginTest.Browser.create();
    Matcher m = XSRF.matcher(b.get(hub.url("/hub/login")).body());
    assertThat(m.find()).isTrue();
    return b.post(hub.url("/hub/login"), "_xsrf=" + enc(m.group(1)) + "&username=" + enc(user) + "&password="
        + enc(password));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  int userStatus(String name) {
    return hub.admin("GET", "/users/" + enc(name).replace("+", "%20"), null).status();
  }

  @Test
  void aDirectoryUserLogsInAndAWrongPasswordIsRefused() throws Exception {
    hub = ldapHub(slapd.port);
    assertThat(login("bob", "wrong").statusCode()).isEqualTo(403);
    assertThat(userStatus("bob")).as("no user row for a failed login").isEqualTo(404);
    var ok = login("bob", "bob-pw");
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(userStatus("bob")).isEqualTo(200);
    assertThat(hub.admin("GET", "/info", null).json().path("authenticator").path("class").asString())
        .as("JupyterHub shows the class's module and name").isEqualTo("ldapauthenticator.ldapauthenticator.LDAPAuthenticator");
  }

  @Test
  void injectionNamesAreRefusedWithoutAUserRowAndReachTheDirectoryEscaped() throws Exception {
    hub = ldapHub(slapd.port, "--LDAPAuthenticator.valid_username_regex=.*");
    for (String bad : List.of("*", "alice)(uid=*", "a,ou=x", "admin\\2a")) {
      var r = login(bad, "alice-pw");
      assertThat(r.statusCode()).as(bad).isEqualTo(403);
      assertThat(r.body()).as(bad).contains("Invalid username or password");
      assertThat(userStatus(bad.toLowerCase())).as(bad).isIn(404, 400);
    }
    assertThat(hub.admin("GET", "/users", null).json().findValuesAsString("name")).containsExactly("admin");
    assertThat(slapd.log()).anyMatch(l -> l.contains("filter=\"(uid=\\2A)\""))
        .anyMatch(l -> l.contains("filter=\"(uid=alice\\29\\28uid=\\2A)\""))
        .anyMatch(l -> l.contains("filter=\"(uid=a,ou=x)\""))
        .anyMatch(l -> l.contains("filter=\"(uid=admin\\5C2a)\""));
  }

  @Test
  void theDefaultNameRuleRefusesTheSameNamesBeforeTheDirectoryIsAsked() throws Exception {
    hub = ldapHub(slapd.port);
    for (String bad : List.of("*", "alice)(uid=*", "a,ou=x", "admin\\2a")) {
      assertThat(login(bad, "alice-pw").statusCode()).as(bad).isEqualTo(403);
    }
    assertThat(hub.admin("GET", "/users", null).json().findValuesAsString("name")).containsExactly("admin");
  }

  @Test
  void allowedGroupsAdmitOnlyTheirMembers() throws Exception {
    hub = ldapHub(slapd.port, "--Authenticator.allow_all=False",
        "--LDAPAuthenticator.allowed_groups=['" + Slapd.SCIENTISTS + "']");
    assertThat(login("alice", "alice-pw").statusCode()).isEqualTo(302);
    assertThat(login("bob", "bob-pw").statusCode()).as("bob is not a scientist").isEqualTo(403);
    assertThat(userStatus("bob")).isEqualTo(404);
  }

  @Test
  void allowedGroupsStillHoldForARenamedUser() throws Exception {
    hub = ldapHub(slapd.port, "--Authenticator.allow_all=False",
        "--LDAPAuthenticator.allowed_groups=['" + Slapd.SCIENTISTS + "']",
        "--Authenticator.username_map={'alice': 'alice-renamed', 'bob': 'bob-renamed'}");
    assertThat(login("alice", "alice-pw").statusCode()).isEqualTo(302);
    assertThat(userStatus("alice-renamed")).isEqualTo(200);
    assertThat(login("bob", "bob-pw").statusCode()).isEqualTo(403);
  }

  @Test
  void anUnreachableDirectoryIsAPlainMessageAndNoUser() throws Exception {
    hub = ldapHub(Slapd.freePort());
    var r = login("alice", "alice-pw");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("cannot reach its directory server").doesNotContain("Exception");
    assertThat(userStatus("alice")).isEqualTo(404);
  }
}
