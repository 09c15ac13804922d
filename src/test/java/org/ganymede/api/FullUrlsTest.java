package org.ganymede.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code full_url} and {@code full_progress_url}, as JupyterHub 5's {@code server_model} sets them. */
class FullUrlsTest {
  static Map<String, Object> servers(String url) {
    Map<String, Object> model = new HashMap<>();
    model.put("url", url);
    model.put("progress_url", "/hub/api/users/alice/server/progress");
    model.put("full_url", null);
    model.put("full_progress_url", null);
    Map<String, Object> servers = new LinkedHashMap<>();
    servers.put("", model);
    return servers;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> only(Map<String, Object> servers) {
    return (Map<String, Object>) servers.get("");
  }

  @Test
  void bothStayNullWithoutAPublicUrl() {
    var model = only(FullUrls.of("").fill(servers("/user/alice/")));
    assertThat(model).containsEntry("full_url", null).containsEntry("full_progress_url", null);
  }

  @Test
  void thePublicUrlGivesSchemeHostAndPortAndTheServerGivesThePath() {
    var model = only(FullUrls.of("https://hub.example.org:8443/jh/").fill(servers("/jh/user/alice/")));
    assertThat(model).containsEntry("full_url", "https://hub.example.org:8443/jh/user/alice/")
        .containsEntry("full_progress_url", "https://hub.example.org:8443/hub/api/users/alice/server/progress");
  }

  @Test
  void anAbsoluteServerUrlIsItsOwnFullUrlEvenWithoutAPublicUrl() {
    var model = only(FullUrls.of("").fill(servers("https://alice.hub.example.org/user/alice/")));
    assertThat(model).containsEntry("full_url", "https://alice.hub.example.org/user/alice/")
        .containsEntry("full_progress_url", null);
  }
}
