package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private List<String> problems(String pyConfig) {
    return problems(pyConfig, List.of());
  }

  private List<String> problems(String pyConfig, List<String> cli) {
    try {
      ConfigFiles.load(dir, "jupyterhub_config.py", pyConfig, cli, Map.of());
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("config was accepted: " + pyConfig);
  }

  @Test
  void defaultsMatchJupyterHubWithGanymedeSecureDefaults() {
    HubConfig c = HubConfig.defaults();
    assertThat(c.hub().port()).isEqualTo(8000);
    assertThat(c.hub().ip()).isEmpty();
    assertThat(c.hub().baseUrl()).isEqualTo("/");
    assertThat(c.hub().hubIp()).isEqualTo("127.0.0.1");
    assertThat(c.hub().hubPort()).isEqualTo(8081);
    assertThat(c.hub().dbUrl()).isEqualTo("sqlite:///jupyterhub.sqlite");
    assertThat(c.hub().cookieSecret()).isEmpty();
    assertThat(c.hub().cookieSecretFile()).isEqualTo("jupyterhub_cookie_secret");
    assertThat(c.hub().cookieMaxAgeDays()).isEqualTo(14.0);
    assertThat(c.hub().logLevel()).isEqualTo("INFO");
    assertThat(c.hub().apiPageDefaultLimit()).isEqualTo(50);
    assertThat(c.hub().apiPageMaxLimit()).isEqualTo(200);
    assertThat(c.hub().concurrentSpawnLimit()).isEqualTo(100);
    assertThat(c.authenticator().kind()).isEqualTo(AuthenticatorKind.PAM);
    assertThat(c.authenticator().service()).isEqualTo("login");
    assertThat(c.authenticator().allowAll()).isEmpty();
    assertThat(c.spawner().kind()).isEqualTo(SpawnerKind.LOCAL_PROCESS);
    assertThat(c.spawner().cmd()).containsExactly("jupyterhub-singleuser");
    assertThat(c.spawner().disableUserConfig()).isTrue();
    assertThat(c.spawner().envKeep()).contains("PATH", "LANG", "JUPYTERHUB_SINGLEUSER_APP");
    assertThat(c.spawner().startTimeout()).isEqualTo(60);
    assertThat(c.spawner().memLimit()).isEmpty();
    assertThat(c.proxy().kind()).isEqualTo(ProxyKind.EMBEDDED);
    assertThat(c.proxy().apiUrl()).isEqualTo("http://127.0.0.1:8001");
    assertThat(c.proxy().authToken()).isEmpty();
  }

  @Test
  void readsARealisticJupyterHubConfigLikeTheSeeds() {
    HubConfig c = ConfigFiles.py(dir, """
        # Configuration file for jupyterhub.
        c = get_config()  #noqa
        import os

        c.JupyterHub.spawner_class = 'sudospawner.SudoSpawner'
        c.JupyterHub.cookie_secret_file = '/srv/jupyterhub/cookie_secret'
        c.JupyterHub.port = 8443
        c.JupyterHub.ssl_cert = '/srv/jupyterhub/server.crt'
        c.JupyterHub.ssl_key = '/srv/jupyterhub/server.key'
        c.JupyterHub.cookie_secret = bytes.fromhex('%s')
        c.JupyterHub.internal_ssl = True
        c.JupyterHub.internal_certs_location = '/srv/jupyterhub/internal'
        c.Authenticator.allowed_users = {'mal', 'zoe', 'inara', 'kaylee'}
        c.Authenticator.blocked_users = {'jane'}
        c.Authenticator.admin_users = {'mal', 'zoe'}
        c.PAMAuthenticator.admin_groups = {'wheel'}
        c.PAMAuthenticator.service = 'jupyterhub'
        c.PAMAuthenticator.open_sessions=False
        c.LocalAuthenticator.create_system_users = True
        c.DummyAuthenticator.password = "some_password"
        c.ConfigurableHTTPProxy.api_token = 'abc123...' # any random string
        c.Spawner.cmd = ['jupyterhub-singleuser']
        c.Spawner.mem_limit = '2G'
        c.Spawner.cpu_limit = 1.5
        c.JupyterHub.load_roles = [
            {
                "name": "jupyterhub-idle-culler-role",
                "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
                "services": ["jupyterhub-idle-culler-service"],
            }
        ]
        c.JupyterHub.services = [
            {"name": "jupyterhub-idle-culler-service", "api_token": "culler-token", "admin": False},
        ]
        c.JupyterHub.load_groups = {"staff": ["mal"], "crew": {"users": ["zoe"], "properties": {"ship": "serenity"}}}
        """.formatted("ab".repeat(32)));
    assertThat(c.spawner().kind()).isEqualTo(SpawnerKind.SUDO);
    assertThat(c.hub().port()).isEqualTo(8443);
    assertThat(c.hub().usesSsl()).isTrue();
    assertThat(c.hub().cookieSecret()).map(Secret::length).contains(32);
    assertThat(c.authenticator().allowedUsers()).containsExactlyInAnyOrder("mal", "zoe", "inara", "kaylee");
    assertThat(c.authenticator().adminGroups()).containsExactly("wheel");
    assertThat(c.authenticator().service()).isEqualTo("jupyterhub");
    assertThat(c.authenticator().createSystemUsers()).isTrue();
    assertThat(c.proxy().authToken()).map(Secret::text).contains("abc123...");
    assertThat(c.spawner().memLimit()).contains(2L << 30);
    assertThat(c.spawner().cpuLimit()).contains(1.5);
    assertThat(c.hub().loadRoles()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("jupyterhub-idle-culler-role");
      assertThat(r.scopes()).hasSize(4);
      assertThat(r.services()).containsExactly("jupyterhub-idle-culler-service");
    });
    assertThat(c.hub().services()).singleElement().satisfies(s -> {
      assertThat(s.apiToken()).map(Secret::text).contains("culler-token");
      assertThat(s.oauthClientId()).isEqualTo("service-jupyterhub-idle-culler-service");
      assertThat(s.url()).isEmpty();
    });
    assertThat(c.hub().loadGroups().get("staff").users()).containsExactly("mal");
    assertThat(c.hub().loadGroups().get("crew").properties().get("ship").stringValue()).isEqualTo("serenity");
  }

  @Test
  void readsYamlNamespacedByClassWithLineNumbers() {
    LoadedConfig loaded = ConfigFiles.load(dir, "config.yaml", """
        JupyterHub:
          port: 8443
          authenticator_class: dummy
          cookie_secret: "%s"
        Authenticator:
          admin_users: [alice]
        Spawner:
          environment: {A: "1"}
        """.formatted("00".repeat(32)), List.of(), Map.of());
    HubConfig c = loaded.config();
    assertThat(c.hub().port()).isEqualTo(8443);
    assertThat(c.authenticator().kind()).isEqualTo(AuthenticatorKind.DUMMY);
    assertThat(c.authenticator().adminUsers()).containsExactly("alice");
    assertThat(c.spawner().environment()).containsEntry("A", "1");
    assertThat(c.hub().cookieSecret()).map(Secret::length).contains(32);
    assertThat(loaded.sourceOf("JupyterHub.port")).map(Source::toString).contains(dir.resolve("config.yaml") + ":2");
  }

  @Test
  void readsStructuredTraitsFromYaml() {
    HubConfig c = ConfigFiles.load(dir, "config.yaml", """
        JupyterHub:
          load_roles:
            - name: culler
              scopes: [list:users, delete:servers]
              services: [culler]
          services:
            - name: culler
              api_token: "t0ken"
              url: http://127.0.0.1:10101
          load_groups:
            staff:
              users: [alice]
              properties: {color: blue}
        """, List.of(), Map.of()).config();
    assertThat(c.hub().loadRoles().get(0).scopes()).containsExactly("list:users", "delete:servers");
    assertThat(c.hub().services().get(0).url()).contains("http://127.0.0.1:10101");
    assertThat(c.hub().loadGroups().get("staff").properties().get("color").stringValue()).isEqualTo("blue");
  }

  @Test
  void windowsLineEndingsAndByteOrderMarkAreAccepted() {
    HubConfig c = ConfigFiles.py(dir, "\uFEFFc = get_config()\r\nc.JupyterHub.port = 8001\r\n");
    assertThat(c.hub().port()).isEqualTo(8001);
  }

  @Test
  void yamlErrorsNameFileAndLine() {
    assertThatThrownBy(() -> ConfigFiles.load(dir, "c.yml", "JupyterHub:\n  port: [unclosed\n", List.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("c.yml:").hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigFiles.load(dir, "c.yml", "JupyterHub:\n  prot: 1\n", List.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("c.yml:2: JupyterHub has no trait 'prot'; did you mean 'port'?");
  }

  @Test
  void unknownClassIsAnErrorWithASuggestion() {
    assertThat(problems("c.Jupyterhub.port = 1\n")).singleElement().asString()
        .startsWith(dir.resolve("jupyterhub_config.py") + ":1: unknown class 'Jupyterhub'; did you mean 'JupyterHub'?")
        .contains("known classes: Application, JupyterHub, Authenticator");
  }

  @Test
  void unknownTraitIsAnErrorWithASuggestionAndTheClassThatHasIt() {
    assertThat(problems("c.JupyterHub.admin_user = {'a'}\n")).singleElement().asString()
        .endsWith(":1: JupyterHub has no trait 'admin_user'; did you mean 'Authenticator.admin_users'?");
    assertThat(problems("c.JupyterHub.prot = 1\n")).singleElement().asString()
        .endsWith(":1: JupyterHub has no trait 'prot'; did you mean 'port'?");
    assertThat(problems("c.DummyAuthenticator.service = 'login'\n")).singleElement().asString()
        .endsWith(":1: DummyAuthenticator has no trait 'service' (service is a trait of PAMAuthenticator)");
  }

  @Test
  void wrongTypeNamesTraitExpectedTypeAndValue() {
    assertThat(problems("c.JupyterHub.port = '8000'\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.port must be an int, got '8000'");
    assertThat(problems("c.Authenticator.admin_users = 'alice'\n")).singleElement().asString()
        .endsWith(":1: Authenticator.admin_users must be a set of strings, got 'alice'");
    assertThat(problems("c.Spawner.environment = {'A': 1}\n")).singleElement().asString()
        .endsWith(":1: Spawner.environment must be a dict of string to string, got {'A': 1}");
    assertThat(problems("c.JupyterHub.cookie_secret = 'not hex'\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.cookie_secret must be bytes (or a hex string), got <secret>");
    assertThat(problems("c.JupyterHub.port = 8000.0\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.port must be an int, got 8000.0");
    assertThat(problems("c.Spawner.mem_limit = 'lots'\n")).singleElement().asString()
        .contains("Spawner.mem_limit must be None, an int of bytes or a size");
  }

  @Test
  void boundsViolationsNameTheBound() {
    assertThat(problems("c.JupyterHub.port = 70000\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.port must be at most 65535, got 70000");
    assertThat(problems("c.Spawner.start_timeout = 0\n")).singleElement().asString()
        .endsWith(":1: Spawner.start_timeout must be at least 1, got 0");
    assertThat(problems("c.JupyterHub.log_level = 'LOUD'\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.log_level must be one of DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, got 'LOUD'");
    assertThat(problems("c.JupyterHub.api_page_default_limit = 500\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.api_page_default_limit (500) must not exceed JupyterHub.api_page_max_limit (200)");
  }

  @Test
  void malformedManagedServicesAreRefusedWithTheKeyAndWhy() {
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'command': []}]\n")).singleElement().asString()
        .contains("JupyterHub.services[0].command must name a program to run, got []");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'command': ['  ', 'x']}]\n")).singleElement()
        .asString().contains("JupyterHub.services[0].command must name a program to run");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'command': [1, 2]}]\n")).singleElement().asString()
        .contains("JupyterHub.services[0].command must be a list of strings (or one string), got [1, 2]");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'url': 'http://127.0.0.1:1', 'cwd': '/tmp'}]\n"))
        .singleElement().asString()
        .contains("JupyterHub.services[0].cwd: only used by a managed service (one with a 'command' the hub runs)");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'api_token': 'abcdefghijklmnopqrstuvwxyz', 'user': 'bob'}]\n"))
        .singleElement().asString().contains("JupyterHub.services[0].user: only used by a managed service");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'command': ['x'], 'environment': {'A': 1}}]\n"))
        .singleElement().asString().contains("JupyterHub.services[0].environment must be");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'command': ['x'], 'url': '127.0.0.1:8000'}]\n"))
        .singleElement().asString()
        .contains("JupyterHub.services[0].url must be an http:// or https:// URL the proxy can reach, got '127.0.0.1:8000'");
  }

  @Test
  void aManagedServiceIsReadWithItsCommandEnvironmentUserAndDirectory() {
    var services = ConfigFiles.load(dir, "jupyterhub_config.py", """
        c.JupyterHub.services = [{'name': 'who', 'command': 'whoami.py', 'url': 'http://127.0.0.1:10101',
            'environment': {'MODE': 'test'}, 'user': 'nobody', 'cwd': '/srv'}]
        """, List.of(), Map.of()).config().hub().services();
    assertThat(services).singleElement().satisfies(s -> {
      assertThat(s.managed()).isTrue();
      assertThat(s.command()).containsExactly("whoami.py");
      assertThat(s.environment()).containsExactly(Map.entry("MODE", "test"));
      assertThat(s.user()).contains("nobody");
      assertThat(s.cwd()).contains("/srv");
    });
  }

  @Test
  void structuredTraitsNameThePositionAndKey() {
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'adimn': True}]\n")).singleElement().asString()
        .contains(":1: JupyterHub.services[0]: unknown key 'adimn'; did you mean 'admin'?");
    assertThat(problems("c.JupyterHub.services = [{'admin': True}]\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.services[0]: missing required key 'name'");
    assertThat(problems("c.JupyterHub.load_roles = [{'name': 'r', 'scopes': 'read:users'}]\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.load_roles[0].scopes must be a list of strings, got 'read:users'");
    assertThat(problems("c.JupyterHub.load_groups = {'g': {'members': ['a']}}\n")).singleElement().asString()
        .contains(":1: JupyterHub.load_groups['g']: unknown key 'members'");
    assertThat(problems("c.JupyterHub.services = [{'name': 'a', 'api_token': 5}]\n")).singleElement().asString()
        .endsWith("JupyterHub.services[0].api_token must be a string, got <secret>");
  }

  @Test
  void customScopesAreReadIntoTypedSpecsAndTheirShapeIsChecked() {
    HubConfig c = ConfigFiles.py(dir, "c.JupyterHub.custom_scopes = {'custom:app:read': {'description': 'Read app',"
        + " 'subscopes': ['custom:app:list']}, 'custom:app:list': {'description': 'List app'}}\n");
    assertThat(c.hub().customScopes()).containsOnlyKeys("custom:app:read", "custom:app:list");
    assertThat(c.hub().customScopes().get("custom:app:read"))
        .isEqualTo(new CustomScopeSpec("Read app", java.util.List.of("custom:app:list")));
    assertThat(problems("c.JupyterHub.custom_scopes = {'custom:x': {'subscopes': []}}\n")).singleElement().asString()
        .endsWith(":1: JupyterHub.custom_scopes['custom:x']: missing required key 'description'");
    assertThat(problems("c.JupyterHub.custom_scopes = {'custom:x': {'description': 'x', 'subscope': []}}\n"))
        .singleElement().asString().contains("JupyterHub.custom_scopes['custom:x']: unknown key 'subscope'");
    assertThat(problems("c.JupyterHub.custom_scopes = ['custom:x']\n")).singleElement().asString()
        .contains("JupyterHub.custom_scopes must be a dict of scope name to");
  }

  @Test
  void unsupportedTraitsAreRefusedWithTheReason() {
    assertThat(problems("c.LocalProcessSpawner.popen_kwargs = {'cwd': '/'}\n")).singleElement().asString()
        .endsWith(":1: LocalProcessSpawner.popen_kwargs is not supported: Ganymede starts processes itself; "
            + "use cmd, shell_cmd and environment instead, got {'cwd': '/'}");
  }

  @Test
  void reportsProblemsFromFileAndCommandLineTogether() {
    assertThat(problems("c.JupyterHub.port = 'x'\nc.Spawner.nope = 1\n", List.of("--JupyterHub.hub_port=abc", "--bogus")))
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("CLI --bogus: unknown option"))
        .anySatisfy(p -> assertThat(p).isEqualTo("CLI --JupyterHub.hub_port=abc: JupyterHub.hub_port must be an int, got 'abc'"));
  }

  @Test
  void pluginsAreChosenByShortNamesAndClassPaths() {
    Map<String, AuthenticatorKind> authenticators = Map.of("dummy", AuthenticatorKind.DUMMY, "pam", AuthenticatorKind.PAM,
        "default", AuthenticatorKind.PAM, "null", AuthenticatorKind.NULL,
        "jupyterhub.auth.DummyAuthenticator", AuthenticatorKind.DUMMY,
        "jupyterhub.auth.PAMAuthenticator", AuthenticatorKind.PAM,
        "jupyterhub.auth.NullAuthenticator", AuthenticatorKind.NULL,
        "dummyauthenticator.DummyAuthenticator", AuthenticatorKind.DUMMY);
    authenticators.forEach((name, kind) -> assertThat(
        ConfigFiles.py(dir, "c.JupyterHub.authenticator_class = '" + name + "'\n").authenticator().kind())
        .as(name).isEqualTo(kind));
    Map<String, SpawnerKind> spawners = Map.of("localprocess", SpawnerKind.LOCAL_PROCESS, "default",
        SpawnerKind.LOCAL_PROCESS, "simple", SpawnerKind.SIMPLE, "sudo", SpawnerKind.SUDO,
        "jupyterhub.spawner.LocalProcessSpawner", SpawnerKind.LOCAL_PROCESS,
        "jupyterhub.spawner.SimpleLocalProcessSpawner", SpawnerKind.SIMPLE, "sudospawner.SudoSpawner", SpawnerKind.SUDO);
    spawners.forEach((name, kind) -> assertThat(
        ConfigFiles.py(dir, "c.JupyterHub.spawner_class = '" + name + "'\n").spawner().kind()).as(name).isEqualTo(kind));
    assertThat(ConfigFiles.py(dir, "c.JupyterHub.proxy_class = 'configurable-http-proxy'\n").proxy().kind())
        .isEqualTo(ProxyKind.EXTERNAL_CHP);
  }

  @Test
  void unknownPluginListsTheSupportedOnes() {
    assertThat(problems("c.JupyterHub.authenticator_class = 'oauthenticator.BitbucketOAuthenticator'\n"))
        .singleElement().asString()
        .contains(":1: JupyterHub.authenticator_class 'oauthenticator.BitbucketOAuthenticator' is not a supported plugin")
        .contains("supported: pam, default, dummy, null, jupyterhub.auth.PAMAuthenticator");
    assertThat(problems("c.JupyterHub.spawner_class = 'kubespawner.KubeSpawner'\n")).singleElement().asString()
        .contains("supported: localprocess, default, simple, sudo");
  }

  @Test
  void parentClassConfigAppliesToSubclassesAndSubclassConfigWins() {
    HubConfig c = ConfigFiles.py(dir, """
        c.Spawner.cmd = ['jupyter-labhub']
        c.Spawner.args = ['--a']
        c.LocalProcessSpawner.args = ['--b']
        c.Authenticator.admin_users = {'alice'}
        """);
    assertThat(c.spawner().cmd()).containsExactly("jupyter-labhub");
    assertThat(c.spawner().args()).containsExactly("--b");
    assertThat(c.authenticator().adminUsers()).containsExactly("alice");
    HubConfig sudo = ConfigFiles.py(dir, """
        c.JupyterHub.spawner_class = 'sudo'
        c.Spawner.start_timeout = 10
        c.LocalProcessSpawner.start_timeout = 20
        c.SimpleLocalProcessSpawner.start_timeout = 30
        """);
    assertThat(sudo.spawner().startTimeout()).as("SudoSpawner inherits LocalProcessSpawner, not Simple").isEqualTo(20);
  }

  @Test
  void precedenceIsDefaultThenFileThenEnvThenCliAndProvenanceIsKept() {
    String fileSecret = "11".repeat(32);
    String envSecret = "22".repeat(32);
    LoadedConfig loaded = ConfigFiles.load(dir, "jupyterhub_config.py", """
        c.JupyterHub.port = 8001
        c.JupyterHub.ip = '10.0.0.1'
        c.JupyterHub.cookie_secret = bytes.fromhex('%s')
        c.ConfigurableHTTPProxy.auth_token = 'from-file'
        """.formatted(fileSecret),
        List.of("--JupyterHub.port=8443", "--no-ssl", "--ConfigurableHTTPProxy.auth_token=from-cli"),
        Map.of("JPY_COOKIE_SECRET", envSecret, "CONFIGPROXY_AUTH_TOKEN", "from-env"));
    HubConfig c = loaded.config();
    assertThat(c.hub().port()).isEqualTo(8443);
    assertThat(c.hub().ip()).isEqualTo("10.0.0.1");
    assertThat(c.hub().confirmNoSsl()).isTrue();
    assertThat(c.hub().cookieSecret()).contains(new Secret(java.util.HexFormat.of().parseHex(envSecret)));
    assertThat(c.proxy().authToken()).map(Secret::text).contains("from-cli");
    assertThat(loaded.sourceOf("JupyterHub.port")).map(Source::toString).contains("CLI --JupyterHub.port=8443");
    assertThat(loaded.sourceOf("JupyterHub.ip")).map(Source::toString)
        .contains(dir.resolve("jupyterhub_config.py") + ":2");
    assertThat(loaded.sourceOf("JupyterHub.cookie_secret")).map(Source::toString).contains("env JPY_COOKIE_SECRET");
    assertThat(loaded.sourceOf("JupyterHub.confirm_no_ssl")).map(Source::toString).contains("CLI --no-ssl");
    assertThat(loaded.sourceOf("JupyterHub.hub_port")).contains(Source.DEFAULT);
  }

  @Test
  void provenanceCanBeAskedThroughTheBaseClassName() {
    LoadedConfig loaded = ConfigFiles.load(dir, "jupyterhub_config.py", "c.Authenticator.admin_users = {'a'}\n",
        List.of(), Map.of());
    assertThat(loaded.origin("Authenticator.admin_users")).hasValueSatisfying(o -> {
      assertThat(o.setOn()).isEqualTo("Authenticator");
      assertThat(o.source().kind()).isEqualTo(Source.Kind.FILE);
    });
    assertThat(loaded.origin("PAMAuthenticator.admin_users")).isEqualTo(loaded.origin("Authenticator.admin_users"));
  }

  @Test
  void applicationLogLevelAppliesToTheHubUnlessTheHubSetsItsOwn() {
    assertThat(ConfigFiles.py(dir, "c.Application.log_level = 'DEBUG'\n").hub().logLevel()).isEqualTo("DEBUG");
    assertThat(ConfigFiles.py(dir, "c.Application.log_level = 10\nc.JupyterHub.log_level = 'warning'\n").hub().logLevel())
        .isEqualTo("WARN");
  }

  @Test
  void inPlaceModificationsStartFromTheDefault() {
    HubConfig c = ConfigFiles.py(dir, """
        c.Spawner.environment.update({'A': '1'})
        c.Spawner.environment.update({'B': '2'})
        c.Spawner.args.append('--x')
        c.Spawner.args += ['--y']
        c.LocalProcessSpawner.env_keep.append('EXTRA')
        """);
    assertThat(c.spawner().environment()).containsEntry("A", "1").containsEntry("B", "2");
    assertThat(c.spawner().args()).containsExactly("--x", "--y");
    assertThat(c.spawner().envKeep()).contains("PATH", "EXTRA");
  }

  @Test
  void readsJupyterhubConfigPyFromTheWorkingDirectoryWhenNoFileIsGiven() {
    ConfigFiles.write(dir, "jupyterhub_config.py", "c.JupyterHub.port = 9000\n");
    LoadedConfig loaded = ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(), Map.of()), dir);
    assertThat(loaded.config().hub().port()).isEqualTo(9000);
    assertThat(loaded.file()).contains(dir.resolve("jupyterhub_config.py").toString());
  }

  @Test
  void missingOrUnknownFormatFilesAreClearErrors() {
    assertThatThrownBy(() -> ConfigLoader.load(new ConfigSources(Optional.of(dir.resolve("nope.py")), List.of(), Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
    assertThatThrownBy(() -> ConfigFiles.load(dir, "hub.toml", "x", List.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown format; name it *.py");
  }

  @Test
  void deprecatedJupyterHubNamesStillWork() {
    HubConfig c = ConfigFiles.py(dir, "c.Authenticator.whitelist = {'a'}\nc.LocalAuthenticator.group_whitelist = {'g'}\n");
    assertThat(c.authenticator().allowedUsers()).containsExactly("a");
    assertThat(c.authenticator().allowedGroups()).containsExactly("g");
  }

  @Test
  void dynamicAllowDefaultsFollowJupyterHub5() {
    assertThat(ConfigFiles.py(dir, "c.JupyterHub.authenticator_class = 'dummy'\n").authenticator().effectiveAllowAll()).isTrue();
    AuthenticatorSettings restricted = ConfigFiles.py(dir,
        "c.JupyterHub.authenticator_class = 'dummy'\nc.Authenticator.allowed_users = {'a'}\n").authenticator();
    assertThat(restricted.effectiveAllowAll()).isFalse();
    assertThat(restricted.effectiveAllowExistingUsers()).isTrue();
    assertThat(HubConfig.defaults().authenticator().effectiveAllowAll()).isFalse();
  }
}
