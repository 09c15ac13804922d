package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindUrlTest {
  private static LoadedConfig load(String... cli) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(cli), Map.of()), Optional.empty());
  }

  @Test
  void urlSetsIpPortAndBaseUrlAndShowConfigSaysWhere() {
    LoadedConfig loaded = load("--url=http://127.0.0.2:9123/prefix");
    HubSettings hub = loaded.config().hub();
    assertThat(hub.ip()).isEqualTo("127.0.0.2");
    assertThat(hub.port()).isEqualTo(9123);
    assertThat(hub.baseUrl()).isEqualTo("/prefix/");
    assertThat(loaded.origins().get("JupyterHub.port").source().toString())
        .isEqualTo("CLI --url=http://127.0.0.2:9123/prefix via JupyterHub.bind_url");
  }

  @Test
  void emptyHostMeansAllInterfacesAndIpv6HostsLoseTheirBrackets() {
    assertThat(load("--JupyterHub.bind_url=http://:8443").config().hub().ip()).isEmpty();
    HubSettings v6 = load("--JupyterHub.bind_url=https://[::1]:8443/").config().hub();
    assertThat(v6.ip()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(8443);
  }

  @Test
  void explicitIpPortAndBaseUrlWinOverBindUrlAsInJupyterHub() {
    HubSettings hub = load("--url=http://10.0.0.1:9000/a/", "--port=9001").config().hub();
    assertThat(hub.ip()).isEqualTo("10.0.0.1");
    assertThat(hub.port()).isEqualTo(9001);
    assertThat(hub.baseUrl()).isEqualTo("/a/");
  }

  @Test
  void hubBindUrlWinsOverHubIpAndHubPort() {
    HubSettings hub = load("--JupyterHub.hub_ip=127.0.0.1", "--JupyterHub.hub_bind_url=http://127.0.0.3:8181")
        .config().hub();
    assertThat(hub.hubIp()).isEqualTo("127.0.0.3");
    assertThat(hub.hubPort()).isEqualTo(8181);
  }

  @Test
  void badBindUrlsAreRefusedNamingTheSettingAndValue() {
    assertThatThrownBy(() -> load("--url=ftp://x:1/")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("JupyterHub.bind_url (CLI --url=ftp://x:1/) must be an http:// or https:// URL, got 'ftp://x:1/'");
    assertThatThrownBy(() -> load("--url=http://x:99999/")).hasMessageContaining("JupyterHub.bind_url")
        .hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> load("--url=unix+http://%2Ftmp%2Fhub.sock")).hasMessageContaining("Unix socket");
    assertThatThrownBy(() -> load("--JupyterHub.hub_bind_url=http://127.0.0.1:8081/elsewhere/"))
        .hasMessageContaining("JupyterHub.hub_bind_url").hasMessageContaining("the path is always");
  }
}
