package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliOverridesTest {
  private static LoadedConfig cli(String... args) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(args), Map.of()), Optional.empty());
  }

  @Test
  void traitOptionsTakePythonLiteralsLikeTraitlets() {
    HubConfig c = cli("--JupyterHub.port=8443", "--Authenticator.admin_users={\"alice\"}",
        "--Spawner.args=['--a', '--b']", "--Spawner.environment={'A': '1'}", "--Spawner.cpu_limit=2").config();
    assertThat(c.hub().port()).isEqualTo(8443);
    assertThat(c.authenticator().adminUsers()).containsExactly("alice");
    assertThat(c.spawner().args()).containsExactly("--a", "--b");
    assertThat(c.spawner().environment()).containsEntry("A", "1");
    assertThat(c.spawner().cpuLimit()).contains(2.0);
  }

  @Test
  void stringTraitsTakeTheTextAsGivenWithSurroundingQuotesRemoved() {
    assertThat(cli("--JupyterHub.ip=*").config().hub().ip()).isEqualTo("*");
    assertThat(cli("--ip=\"*\"").config().hub().ip()).isEqualTo("*");
    assertThat(cli("--JupyterHub.base_url=/jh/").config().hub().baseUrl()).isEqualTo("/jh/");
    assertThat(cli("--JupyterHub.ip=123").config().hub().ip()).isEqualTo("123");
  }

  @Test
  void boolAndListTraitsAcceptTheShortForms() {
    assertThat(cli("--JupyterHub.admin_access=true").config().hub().adminAccess()).isTrue();
    assertThat(cli("--JupyterHub.admin_access=True").config().hub().adminAccess()).isTrue();
    assertThat(cli("--JupyterHub.admin_access=0").config().hub().adminAccess()).isFalse();
    assertThat(cli("--Spawner.cmd=jupyter-labhub").config().spawner().cmd()).containsExactly("jupyter-labhub");
  }

  @Test
  void valuesMayFollowAsTheNextArgument() {
    HubConfig c = cli("--port", "9000", "--JupyterHub.hub_port", "9001").config();
    assertThat(c.hub().port()).isEqualTo(9000);
    assertThat(c.hub().hubPort()).isEqualTo(9001);
  }

  @Test
  void jupyterHubAliasesAndFlagsSetTheirTraits() {
    LoadedConfig loaded = cli("--ip=10.1.1.1", "--port=8443", "--base-url=/x/", "--log-level=DEBUG", "--db=sqlite:///x.db",
        "--pid-file=/run/hub.pid", "--ssl-key=k.pem", "--ssl-cert=c.pem", "--log-file=/var/log/hub.log", "--upgrade-db",
        "--url=http://:8000");
    HubConfig c = loaded.config();
    assertThat(c.hub().ip()).isEqualTo("10.1.1.1");
    assertThat(c.hub().port()).isEqualTo(8443);
    assertThat(c.hub().baseUrl()).isEqualTo("/x/");
    assertThat(c.hub().logLevel()).isEqualTo("DEBUG");
    assertThat(c.hub().dbUrl()).isEqualTo("sqlite:///x.db");
    assertThat(c.hub().pidFile()).isEqualTo("/run/hub.pid");
    assertThat(c.hub().sslKey()).isEqualTo("k.pem");
    assertThat(c.hub().sslCert()).isEqualTo("c.pem");
    assertThat(c.hub().extraLogFile()).isEqualTo("/var/log/hub.log");
    assertThat(c.hub().upgradeDb()).isTrue();
    assertThat(loaded.sourceOf("JupyterHub.extra_log_file")).map(Source::toString).contains("CLI --log-file=/var/log/hub.log");
    assertThat(cli("--debug").config().hub().logLevel()).isEqualTo("DEBUG");
    assertThat(cli("--no-ssl").config().hub().confirmNoSsl()).isTrue();
  }

  @Test
  void theSeedsSystemdCommandLineLoads() {
    HubConfig c = cli("--no-ssl", "--log-file=/var/log/jupyterhub/jupyterhub.log", "--ip=\"*\"",
        "--JupyterHub.spawner_class=sudospawner.SudoSpawner").config();
    assertThat(c.spawner().kind()).isEqualTo(SpawnerKind.SUDO);
    assertThat(c.hub().ip()).isEqualTo("*");
  }

  @Test
  void badOptionsAreReportedWithTheOptionAndAHint() {
    assertThatThrownBy(() -> cli("--prot=1", "--port"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "CLI --prot=1: unknown option; did you mean '--port'?; options are --Class.trait=value, --ip, --port, "
                + "--url, --base-url, --log-level, --log-file, --db, --pid-file, --ssl-key, --ssl-cert, --no-ssl, "
                + "--debug, --upgrade-db",
            "CLI --port: needs a value, e.g. --port=VALUE"));
    assertThatThrownBy(() -> cli("--Spawner.nope=1"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("CLI --Spawner.nope=1: Spawner has no trait 'nope'");
  }

  @Test
  void secretsGivenOnTheCommandLineAreNotEchoedInProvenance() {
    LoadedConfig loaded = cli("--ConfigurableHTTPProxy.auth_token=hunter2");
    assertThat(loaded.sourceOf("ConfigurableHTTPProxy.auth_token")).map(Source::toString)
        .contains("CLI --ConfigurableHTTPProxy.auth_token=<secret>");
    assertThat(loaded.config().proxy().authToken()).map(Secret::text).contains("hunter2");
  }
}
