package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.auth.ldap.Slapd;
import org.ganymede.rootfixtures.Shell;
import org.ganymede.rootfixtures.ThrowAwayAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The AD seed's path with slapd for AD, as root: a directory user logs in with their mail address,
 * the directory's {@code uid} attribute names their Unix account (which has no home yet), and the
 * first spawn creates the home (owner and mode right) and runs the server as that account.
 */
@Tag("root")
class LdapAccountEndToEndTest {
  private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  private static final String CAROL = "carol@ganymede.test";

  @Test
  void aDirectoryUserGetsTheAccountTheDirectoryNamesAndAHomeOnFirstSpawn() throws Exception {
    assumeTrue(Shell.isRoot(), "needs root: creates a Unix account and runs a server as it");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyterhub-singleuser")), "needs Debian's jupyterhub package");
    String account = "ldape2e" + ThrowAwayAccount.randomHex();
    Path home = Path.of("/home/" + account);
    Shell.ok("useradd", "-M", "-d", home.toString(), "-s", "/bin/bash", account);
    try (Slapd slapd = Slapd.start(account);
        RunningHub hub = RunningHub.start(Files.createTempDirectory("ldape2e"),
            "--JupyterHub.authenticator_class=ldapauthenticator.LDAPAuthenticator",
            "--LDAPAuthenticator.server_address=127.0.0.1", "--LDAPAuthenticator.server_port=" + slapd.port,
            "--LDAPAuthenticator.tls_strategy=insecure",
            "--LDAPAuthenticator.valid_username_regex=^[a-z][.a-z0-9_@-]*$",
            "--LDAPAuthenticator.lookup_dn=True", "--LDAPAuthenticator.user_search_base=" + Slapd.PEOPLE,
            "--LDAPAuthenticator.user_attribute=mail", "--LDAPAuthenticator.lookup_dn_user_dn_attribute=uid",
            "--LDAPAuthenticator.lookup_dn_search_user=" + Slapd.SEARCH_DN,
            "--LDAPAuthenticator.lookup_dn_search_password=" + Slapd.SEARCH_PASSWORD,
            "--LDAPAuthenticator.account_attribute=uid", "--Authenticator.allow_all=True",
            "--LocalProcessSpawner.create_home_directories=True", "--Spawner.http_timeout=90",
            "--Spawner.start_timeout=60")) {
      LoginTest.Browser b = LoginTest.Browser.create();
      Matcher m = XSRF.matcher(b.get(hub.url("/hub/login")).body());
      assertThat(m.find()).isTrue();
      var login = b.post(hub.url("/hub/login"), "_xsrf=" + enc(m.group(1)) + "&username=" + enc(CAROL)
          + "&password=carol-pw");
      assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
      assertThat(home).as("no home before the first spawn").doesNotExist();

      String path = "/users/" + enc(CAROL);
      var spawn = hub.admin("POST", path + "/server", null);
      assertThat(spawn.status()).as(spawn.toString()).isIn(201, 202);
      awaitReady(hub, path);

      String uid = Shell.ok("id", "-u", account).strip();
      assertThat(Files.getAttribute(home, "unix:uid").toString()).isEqualTo(uid);
      assertThat((Integer) Files.getAttribute(home, "unix:mode") & 07777).isEqualTo(
          org.ganymede.spawn.local.HomeDirectories.Layout.fromLoginDefs().mode());
      assertThat(Shell.run("pgrep", "-u", account, "-f", "jupyterhub-singleuser").status())
          .as("the server runs as the account the directory named").isEqualTo(0);
      assertThat(hub.admin("DELETE", path + "/server", null).status()).isIn(202, 204);
    } finally {
      Shell.run("pkill", "-KILL", "-u", account);
      Shell.run("userdel", "-r", account);
    }
  }

  static void awaitReady(RunningHub hub, String path) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      var user = hub.admin("GET", path, null).json();
      if (user.path("servers").path("").path("ready").asBoolean(false)) return;
      Thread.sleep(200);
    }
    throw new AssertionError("server not ready: " + hub.admin("GET", path, null));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
