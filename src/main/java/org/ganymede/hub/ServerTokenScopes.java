package org.ganymede.hub;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scopes of the API token the hub gives a server ({@code $JUPYTERHUB_API_TOKEN}), as
 * JupyterHub 4+ computes them from {@code Spawner.server_token_scopes}: the configured scopes, or
 * the {@code server} role's when none are; a bare {@code !server} filter bound to this server
 * (the token is not owned by the server's OAuth client, so it would resolve nowhere else); and
 * {@code users:activity!user} added when nothing lets the server report activity.
 *
 * <p>What the token may really do is further bounded by what its owner holds, at each use.
 */
final class ServerTokenScopes {
  private static final Logger log = LoggerFactory.getLogger(ServerTokenScopes.class);
  static final String ACTIVITY = "users:activity!user";

  private ServerTokenScopes() {}

  /** {@code requested}: the configured scopes, already defaulted to the server role's when empty. */
  static List<String> of(List<String> requested, String user, String server) {
    List<String> scopes = new ArrayList<>();
    for (String scope : requested) {
      String bound = scope.endsWith("!server") ? scope + "=" + user + "/" + server : scope;
      if (!scopes.contains(bound)) scopes.add(bound);
    }
    if (!scopes.contains(ACTIVITY) && !scopes.contains("users:activity") && !scopes.contains("inherit")) {
      log.warn("Adding required scope {} to server token, missing from Spawner.server_token_scopes. "
          + "Please make sure to add it!", ACTIVITY);
      scopes.add(ACTIVITY);
    }
    return scopes;
  }
}
