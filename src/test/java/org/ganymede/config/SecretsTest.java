package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  private static final String COOKIE_HEX = "c0ffee".repeat(10) + "abcd";
  @TempDir Path dir;

  private LoadedConfig loadedWithSecrets() {
    return ConfigFiles.load(dir, "jupyterhub_config.py", """
        c.JupyterHub.authenticator_class = 'dummy'
        c.JupyterHub.cookie_secret = bytes.fromhex('%s')
        c.DummyAuthenticator.password = 'pa55word-xyzzy'
        c.JupyterHub.api_tokens = {'usertoken-qwerty': 'alice'}
        c.JupyterHub.service_tokens = {'servicetoken-asdf': 'svc'}
        c.JupyterHub.services = [{'name': 'svc', 'api_token': 'svc-apitoken-zxcv', 'url': 'http://127.0.0.1:9999'}]
        """.formatted(COOKIE_HEX), List.of(), Map.of("CONFIGPROXY_AUTH_TOKEN", "proxytoken-plugh"));
  }

  private static void assertNoSecretIn(String text) {
    assertThat(text).doesNotContain("c0ffee", "pa55word", "qwerty", "asdf", "zxcv", "plugh")
        .doesNotContainIgnoringCase("C0FFEE");
  }

  @Test
  void secretsAreUsableButNeverInToString() {
    LoadedConfig loaded = loadedWithSecrets();
    HubConfig c = loaded.config();
    assertThat(c.authenticator().password()).map(Secret::text).contains("pa55word-xyzzy");
    assertThat(c.hub().apiTokens()).containsEntry(Secret.ofText("usertoken-qwerty"), "alice");
    assertThat(c.hub().services().get(0).apiToken()).map(Secret::text).contains("svc-apitoken-zxcv");
    assertNoSecretIn(c.toString());
    assertNoSecretIn(loaded.toString());
    assertThat(c.hub().cookieSecret().orElseThrow().toString()).isEqualTo("<secret, 32 bytes>");
  }

  @Test
  void showConfigPrintsSecretsBySizeOnly() {
    String report = ConfigReport.render(loadedWithSecrets());
    assertNoSecretIn(report);
    assertThat(report).contains("cookie_secret                = <secret, 32 bytes>")
        .contains("password                     = <secret, 14 bytes>")
        .contains("api_tokens                   = <1 secret tokens>")
        .contains("'api_token': '<secret>'")
        .contains("auth_token                   = <secret, 16 bytes>  # env CONFIGPROXY_AUTH_TOKEN");
  }

  @Test
  void errorMessagesNeverEchoSecretValues() {
    try {
      ConfigFiles.load(dir, "jupyterhub_config.py", "c.DummyAuthenticator.password = ['pa55word']\n", List.of(), Map.of());
      throw new AssertionError("accepted");
    } catch (ConfigException e) {
      assertNoSecretIn(e.getMessage());
      assertThat(e.getMessage()).contains("DummyAuthenticator.password must be a string, got <secret>");
    }
  }
}
