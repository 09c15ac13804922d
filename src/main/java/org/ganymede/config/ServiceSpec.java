package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A service from {@code JupyterHub.services}: external (a {@code url} and/or an {@code api_token}), or
 * managed (a {@code command} the hub runs, with {@code environment}, {@code user} and {@code cwd}).
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
    Optional<String> user,
    List<String> command,
    Optional<String> cwd) {
  public ServiceSpec {
    command = List.copyOf(command);
    oauthClientAllowedScopes = List.copyOf(oauthClientAllowedScopes);
    info = info.deepCopy();
    environment = Map.copyOf(environment);
  }

  /** True when the hub starts, restarts and stops this service itself. */
  public boolean managed() {
    return !command.isEmpty();
  }

  /** A copy of the free-form {@code info} dict shown by the services API. */
  @Override
  public JsonNode info() {
    return info.deepCopy();
  }
}
