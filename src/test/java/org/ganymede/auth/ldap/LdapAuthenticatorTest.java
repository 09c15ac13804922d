package org.ganymede.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.auth.Authenticator.Identity;
import org.ganymede.auth.Credentials;
import org.ganymede.config.ConfigException;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.config.LdapSettings;
import org.ganymede.http.HttpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LDAP authenticator against a real slapd, configured as a jupyterhub_config.py would. */
class LdapAuthenticatorTest {
  static Slapd slapd;
  static final String CAROL_ACCOUNT = "ldapauthtest-carol";
  static final String TEMPLATE = "c.LDAPAuthenticator.bind_dn_template = ['uid={username}," + Slapd.PEOPLE + "']";

  @BeforeAll
  static void startDirectory() {
    slapd = Slapd.start(CAROL_ACCOUNT);
  }

  @AfterAll
  static void stopDirectory() {
    if (slapd != null) slapd.close();
  }

  /** LDAP settings from a config file: the server lines, then {@code lines}. */
  static LdapSettings settings(int port, String... lines) {
    List<String> all = new ArrayList<>(List.of("c.JupyterHub.authenticator_class = 'ldapauthenticator.LDAPAuthenticator'",
        "c.LDAPAuthenticator.server_address = '127.0.0.1'", "c.LDAPAuthenticator.server_port = " + port,
        "c.LDAPAuthenticator.tls_strategy = 'insecure'", "c.LDAPAuthenticator.timeout = 2"));
    all.addAll(List.of(lines));
    try {
      Path file = Files.createTempFile("ldap", "_config.py");
      Files.writeString(file, String.join("\n", all) + "\n");
      try {
        return ConfigLoader.load(new ConfigSources(Optional.of(file), List.of(), Map.of())).config().ldap();
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static LdapAuthenticator authenticator(String... lines) {
    return LdapAuthenticator.create(settings(slapd.port, lines));
  }

  static Optional<Identity> login(LdapAuthenticator a, String name, String password) {
    try (Credentials c = new Credentials(name, password.toCharArray(), "127.0.0.1")) {
      return a.authenticate(c);
    }
  }

  static final String[] LOOKUP = {"c.LDAPAuthenticator.lookup_dn = True",
      "c.LDAPAuthenticator.user_search_base = '" + Slapd.PEOPLE + "'",
      "c.LDAPAuthenticator.user_attribute = 'uid'",
      "c.LDAPAuthenticator.lookup_dn_user_dn_attribute = 'cn'",
      "c.LDAPAuthenticator.lookup_dn_search_user = '" + Slapd.SEARCH_DN + "'",
      "c.LDAPAuthenticator.lookup_dn_search_password = '" + Slapd.SEARCH_PASSWORD + "'"};

  static String[] lookup(String... more) {
    List<String> all = new ArrayList<>(List.of(LOOKUP));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aUserBindsThroughTheDnTemplateAndAWrongPasswordIsRefused() {
    LdapAuthenticator a = authenticator(TEMPLATE);
    assertThat(login(a, "alice", "alice-pw")).map(Identity::name).hasValue("alice");
    assertThat(login(a, "alice", "wrong")).isEmpty();
    assertThat(login(a, "alice", " ")).as("blank password: no unauthenticated bind").isEmpty();
    assertThat(login(a, "nobody", "alice-pw")).isEmpty();
  }

  @Test
  void severalTemplatesAreTriedInTurn() {
    LdapAuthenticator a = authenticator("c.LDAPAuthenticator.bind_dn_template = ['uid={username},ou=gone,"
        + Slapd.BASE + "', 'uid={username}," + Slapd.PEOPLE + "']");
    assertThat(login(a, "bob", "bob-pw")).map(Identity::name).hasValue("bob");
  }

  @Test
  void startTlsBeforeBindTrustsOnlyTheConfiguredCa() {
    String ca = "c.LDAPAuthenticator.tls_kwargs = {'ca_certs_file': '" + slapd.caFile + "'}";
    LdapAuthenticator trusted = LdapAuthenticator.create(settings(slapd.port, TEMPLATE,
        "c.LDAPAuthenticator.tls_strategy = 'before_bind'", ca));
    assertThat(login(trusted, "alice", "alice-pw")).map(Identity::name).hasValue("alice");
    LdapAuthenticator untrusted = LdapAuthenticator.create(settings(slapd.port, TEMPLATE,
        "c.LDAPAuthenticator.tls_strategy = 'before_bind'"));
    assertThatThrownBy(() -> login(untrusted, "alice", "alice-pw")).isInstanceOf(HttpException.class)
        .hasMessage(LdapAuthenticator.UNAVAILABLE);
  }

  @Test
  void aCertificateForAnotherNameIsRefusedEvenFromATrustedCa() {
    String ca = "c.LDAPAuthenticator.tls_kwargs = {'ca_certs_file': '" + slapd.caFile + "'}";
    LdapSettings plain = settings(slapd.port, TEMPLATE, "c.LDAPAuthenticator.server_address = '127.0.0.2'");
    assertThat(login(LdapAuthenticator.create(plain), "alice", "alice-pw")).as("same server, no TLS").isPresent();
    LdapAuthenticator wrongName = LdapAuthenticator.create(settings(slapd.port, TEMPLATE,
        "c.LDAPAuthenticator.server_address = '127.0.0.2'", "c.LDAPAuthenticator.tls_strategy = 'before_bind'", ca));
    assertThatThrownBy(() -> login(wrongName, "alice", "alice-pw")).isInstanceOf(HttpException.class)
        .hasMessage(LdapAuthenticator.UNAVAILABLE);
    LdapAuthenticator ldapsWrongName = LdapAuthenticator.create(settings(slapd.ldapsPort, TEMPLATE,
        "c.LDAPAuthenticator.server_address = '127.0.0.2'", "c.LDAPAuthenticator.tls_strategy = 'on_connect'", ca));
    assertThatThrownBy(() -> login(ldapsWrongName, "alice", "alice-pw")).isInstanceOf(HttpException.class);
  }

  @Test
  void onConnectSpeaksLdapsAndUseSslMeansTheSame() {
    String ca = "c.LDAPAuthenticator.tls_kwargs = {'ca_certs_file': '" + slapd.caFile + "'}";
    LdapAuthenticator ldaps = LdapAuthenticator.create(settings(slapd.ldapsPort, TEMPLATE,
        "c.LDAPAuthenticator.tls_strategy = 'on_connect'", ca));
    assertThat(login(ldaps, "alice", "alice-pw")).map(Identity::name).hasValue("alice");
    LdapSettings deprecated = settings(slapd.ldapsPort, TEMPLATE, "c.LDAPAuthenticator.use_ssl = True", ca);
    assertThat(deprecated.effectiveTlsStrategy()).isEqualTo("on_connect");
    assertThat(login(LdapAuthenticator.create(deprecated), "bob", "bob-pw")).isPresent();
  }

  @Test
  void theServerPortDefaultsAsInLdapauthenticator() {
    assertThat(settings(0, TEMPLATE).effectivePort()).isEqualTo(389);
    assertThat(settings(0, TEMPLATE, "c.LDAPAuthenticator.tls_strategy = 'on_connect'").effectivePort()).isEqualTo(636);
  }

  @Test
  void lookupDnFindsAnEntryWhoseDnHasACommaAndBindsWithIt() {
    LdapAuthenticator a = authenticator(lookup());
    assertThat(login(a, "asmith", "ann-pw")).map(Identity::name).hasValue("asmith");
    assertThat(login(a, "asmith", "wrong")).isEmpty();
  }

  @Test
  void theLookedUpNameIsEscapedInTheBindTemplateAndCanBeTheHubName() {
    LdapAuthenticator a = authenticator(lookup("c.LDAPAuthenticator.bind_dn_template = 'cn={username},"
        + Slapd.PEOPLE + "'", "c.LDAPAuthenticator.use_lookup_dn_username = True",
        "c.LDAPAuthenticator.lookup_dn_user_dn_attribute = 'uid'"));
    assertThat(login(a, "alice", "alice-pw")).as("cn=alice,... does not exist").isEmpty();
    LdapAuthenticator byCn = authenticator(lookup("c.LDAPAuthenticator.bind_dn_template = 'cn={username},"
        + Slapd.PEOPLE + "'", "c.LDAPAuthenticator.use_lookup_dn_username = True"));
    assertThat(login(byCn, "asmith", "ann-pw")).as("cn 'Smith, Ann' escaped as Smith\\, Ann")
        .map(Identity::name).hasValue("Smith, Ann");
    assertThat(slapd.log()).as("slapd shows the escaped comma as \\2C")
        .anyMatch(l -> l.contains("BIND dn=\"cn=Smith\\2C Ann," + Slapd.PEOPLE + "\""));
  }

  @Test
  void groupMembershipIsFoundByMemberAndByMemberUid() {
    LdapAuthenticator a = authenticator(TEMPLATE, "c.LDAPAuthenticator.allowed_groups = ['" + Slapd.SCIENTISTS
        + "', '" + Slapd.STAFF + "']");
    Identity alice = login(a, "alice", "alice-pw").orElseThrow();
    assertThat(a.groupsOf("alice")).containsExactly(Slapd.SCIENTISTS);
    assertThat(alice.authState().orElseThrow()).containsEntry("ldap_groups", List.of(Slapd.SCIENTISTS));
    login(a, "bob", "bob-pw").orElseThrow();
    assertThat(a.groupsOf("bob")).containsExactly(Slapd.STAFF);
    login(a, "admin", "admin-pw").orElseThrow();
    assertThat(a.groupsOf("admin")).isEmpty();
  }

  @Test
  void authStateCarriesTheConfiguredUserAttributes() {
    LdapAuthenticator a = authenticator(TEMPLATE, "c.LDAPAuthenticator.auth_state_attributes = ['mail', 'cn']");
    Identity alice = login(a, "alice", "alice-pw").orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, List<String>> attributes = (Map<String, List<String>>) alice.authState().orElseThrow().get("user_attributes");
    assertThat(attributes).containsEntry("mail", List.of("alice@ganymede.test")).containsEntry("cn", List.of("Alice Liddell"));
  }

  @Test
  void searchFilterMustMatchExactlyOneEntry() {
    LdapAuthenticator a = authenticator(TEMPLATE, "c.LDAPAuthenticator.user_search_base = '" + Slapd.PEOPLE + "'",
        "c.LDAPAuthenticator.user_attribute = 'uid'",
        "c.LDAPAuthenticator.search_filter = '(&({userattr}={username})(employeeNumber=20001))'");
    assertThat(login(a, "alice", "alice-pw")).isPresent();
    assertThat(login(a, "bob", "bob-pw")).as("bob's employeeNumber differs").isEmpty();
  }

  @Test
  void theDefaultUsernameRegexRefusesFilterAndDnCharactersBeforeAskingTheDirectory() {
    LdapAuthenticator a = authenticator(lookup());
    for (String bad : List.of("*", "alice)(uid=*", "a,ou=x", "admin\\2a", "Alice")) {
      assertThat(login(a, bad, "alice-pw")).as(bad).isEmpty();
    }
  }

  @Test
  void withAPermissiveRegexEveryInjectionIsEscapedInFiltersAndDns() {
    LdapAuthenticator a = authenticator(lookup("c.LDAPAuthenticator.valid_username_regex = '.*'",
        "c.LDAPAuthenticator.user_search_base = '" + Slapd.PEOPLE + "'"));
    for (String bad : List.of("*", "alice)(uid=*", "admin\\2a", "a*")) {
      assertThat(login(a, bad, "alice-pw")).as(bad).isEmpty();
      assertThat(login(a, bad, "admin-pw")).as(bad).isEmpty();
    }
    List<String> log = slapd.log();
    assertThat(log).as("the filters slapd received").anyMatch(l -> l.contains("filter=\"(uid=\\2A)\""))
        .anyMatch(l -> l.contains("filter=\"(uid=alice\\29\\28uid=\\2A)\""))
        .anyMatch(l -> l.contains("filter=\"(uid=admin\\5C2a)\""));
    LdapAuthenticator template = authenticator(TEMPLATE, "c.LDAPAuthenticator.valid_username_regex = '.*'");
    assertThat(login(template, "a,ou=x", "alice-pw")).isEmpty();
    assertThat(login(template, "alice,ou=x", "alice-pw")).isEmpty();
    assertThat(slapd.log()).as("the comma stays in the RDN value")
        .anyMatch(l -> l.contains("BIND dn=\"uid=alice\\2Cou\\3Dx," + Slapd.PEOPLE + "\""));
  }

  @Test
  void groupFiltersEscapeTheDnAndName() {
    LdapAuthenticator a = authenticator(lookup("c.LDAPAuthenticator.allowed_groups = ['" + Slapd.SCIENTISTS + "']"));
    login(a, "asmith", "ann-pw").orElseThrow();
    assertThat(a.groupsOf("asmith")).containsExactly(Slapd.SCIENTISTS);
    assertThat(slapd.log()).as("the DN's backslash is escaped as \\5C in the filter (slapd prints it normalized)")
        .anyMatch(l -> l.contains("(member=cn=smith\\5C2C ann," + Slapd.PEOPLE + ")"));
  }

  @Test
  void anUnreachableDirectoryIsAClearRefusalNotAHang() {
    LdapAuthenticator a = LdapAuthenticator.create(settings(Slapd.freePort(), TEMPLATE));
    assertThatThrownBy(() -> login(a, "alice", "alice-pw")).isInstanceOf(HttpException.class)
        .hasMessage(LdapAuthenticator.UNAVAILABLE);
  }

  @Test
  void aDirectoryThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LdapAuthenticator a = LdapAuthenticator.create(settings(silent.getLocalPort(), TEMPLATE,
          "c.LDAPAuthenticator.timeout = 1"));
      long start = System.nanoTime();
      assertThatThrownBy(() -> login(a, "alice", "alice-pw")).isInstanceOf(HttpException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms until refused").isLessThan(5_000);
    }
  }

  @Test
  void ldapauthenticatorsEntryPointNamesAndClassPathsChooseIt() {
    for (String name : List.of("ldap", "ldapauthenticator", "ldapauthenticator.LDAPAuthenticator",
        "ldapauthenticator.ldapauthenticator.LDAPAuthenticator")) {
      var config = ConfigLoader.load(new ConfigSources(Optional.empty(), List.of("--JupyterHub.authenticator_class="
          + name, "--LDAPAuthenticator.server_address=ldap.example.org", "--LDAPAuthenticator.bind_dn_template="
          + "uid={username},dc=example,dc=org"), Map.of())).config();
      assertThat(config.authenticator().kind()).as(name).isEqualTo(org.ganymede.config.AuthenticatorKind.LDAP);
      assertThat(config.ldap().bindDnTemplate()).containsExactly("uid={username},dc=example,dc=org");
    }
  }

  @Test
  void configurationMistakesStopTheStartNamingTheSetting() {
    assertThatThrownBy(() -> settings(slapd.port)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("requires either lookup_dn or bind_dn_template");
    assertThatThrownBy(() -> settings(slapd.port, "c.LDAPAuthenticator.lookup_dn = True"))
        .hasMessageContaining("LDAPAuthenticator.user_search_base must be set when lookup_dn is True");
    assertThatThrownBy(() -> settings(slapd.port, TEMPLATE, "c.LDAPAuthenticator.tls_kwargs = {'validate': '0'}"))
        .hasMessageContaining("tls_kwargs key 'validate' is not supported");
    assertThatThrownBy(() -> authenticator("c.LDAPAuthenticator.bind_dn_template = 'uid={user},dc=x'"))
        .hasMessageContaining("LDAPAuthenticator.bind_dn_template").hasMessageContaining("unknown placeholder {user}");
    assertThatThrownBy(() -> authenticator(lookup("c.LDAPAuthenticator.lookup_dn_search_filter = '(uid={login}'")))
        .hasMessageContaining("LDAPAuthenticator.lookup_dn_search_filter");
  }

  @Test
  void theUnixAccountCanComeFromTheDirectory() {
    LdapAuthenticator a = authenticator("c.LDAPAuthenticator.valid_username_regex = '^[a-z][.a-z0-9_@-]*$'",
        "c.LDAPAuthenticator.lookup_dn = True", "c.LDAPAuthenticator.user_search_base = '" + Slapd.PEOPLE + "'",
        "c.LDAPAuthenticator.user_attribute = 'mail'", "c.LDAPAuthenticator.lookup_dn_user_dn_attribute = 'uid'",
        "c.LDAPAuthenticator.account_attribute = 'uid'");
    assertThat(login(a, "carol@ganymede.test", "carol-pw")).map(Identity::name).hasValue("carol@ganymede.test");
    assertThat(a.accountOf("carol@ganymede.test")).hasValue(CAROL_ACCOUNT);
    assertThatThrownBy(() -> a.accountOf("*")).hasMessageContaining("0 entries");
  }
}
