package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A service from {@code JupyterHub.services}. Only external services (a {@code url} and/or an
 * {@code api_token}) are supported; managed services ({@code command}) are refused for now.
 */
public record ServiceSpec(
    String name,
    boolean admin,
    Optional<String> url,
    Optional<Secret> apiToken,
    String oauthClientId,
    Optional<String> oauthRedirectUri,
    boolean oauthNoConfirm,
    List<String> oauthClientAllowedScopes,
    JsonNode info,
    boolean display,
    Map<String, String> environment,
    Optional<String> user) {
  public ServiceSpec {
    oauthClientAllowedScopes = List.copyOf(oauthClientAllowedScopes);
    info = info.deepCopy();
    environment = Map.copyOf(environment);
  }

  /** A copy of the free-form {@code info} dict shown by the services API. */
  @Override
  public JsonNode info() {
    return info.deepCopy();
  }
}
