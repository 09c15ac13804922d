package org.ganymede.app;

import java.util.Map;
import org.ganymede.config.HubConfig;
import org.ganymede.hub.ManagedServices;

/** Starts the managed services ({@code JupyterHub.services} with a {@code command}) once the hub answers. */
final class ServiceWiring {
  private ServiceWiring() {}

  static ManagedServices start(HubConfig config, Map<String, String> env, HubState state, String apiUrl) {
    var hub = config.hub();
    // As JupyterHub: a hub listening on all interfaces is reached by its services on loopback.
    String reachable = apiUrl.replaceFirst("://(0\\.0\\.0\\.0|\\[::\\]|::)?:", "://127.0.0.1:");
    var facts = new ManagedServices.HubFacts(reachable, hub.baseUrl(), hub.subdomainHost(), env);
    try {
      return ManagedServices.start(state.services(), state.tokens(), facts, ManagedServices.Backoff.STANDARD);
    } catch (IllegalStateException e) {
      throw new StartupException(e.getMessage());
    }
  }
}
