package org.ganymede.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ganymede.http.Json;

/**
 * The environment the hub gives a single-user server: every {@code JUPYTERHUB_*} variable of the
 * hub ⇄ single-user contract (the spawner adds {@code JUPYTERHUB_SERVICE_URL} and the account's own
 * variables). The values must match JupyterHub's byte for byte: the Python server parses them.
 */
final class SingleUserEnvironment {
  private SingleUserEnvironment() {}

  static Map<String, String> of(LifecycleSettings settings, String user, UserServer s, String token,
      String clientId) {
    String access = "[\"access:servers!server=" + user + "/" + s.name() + "\", \"access:servers!user=" + user + "\"]";
    Map<String, String> env = new LinkedHashMap<>(settings.servers().extraEnv());
    env.put("JUPYTERHUB_API_TOKEN", token);
    env.put("JPY_API_TOKEN", token);
    env.put("JUPYTERHUB_CLIENT_ID", clientId);
    env.put("JUPYTERHUB_HOST", "");
    env.put("JUPYTERHUB_OAUTH_CALLBACK_URL", s.prefix() + "oauth_callback");
    env.put("JUPYTERHUB_OAUTH_SCOPES", access);
    env.put("JUPYTERHUB_OAUTH_ACCESS_SCOPES", access);
    env.put("JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES", Json.write(settings.scopes().oauthClientAllowed()));
    env.put("JUPYTERHUB_USER", user);
    env.put("JUPYTERHUB_SERVER_NAME", s.name());
    env.put("JUPYTERHUB_API_URL", settings.hubApiUrl());
    env.put("JUPYTERHUB_ACTIVITY_URL", settings.hubApiUrl() + "/users/" + user + "/activity");
    env.put("JUPYTERHUB_BASE_URL", settings.baseUrl());
    env.put("JUPYTERHUB_SERVICE_PREFIX", s.prefix());
    env.put("JUPYTERHUB_PUBLIC_URL", "");
    env.put("JUPYTERHUB_PUBLIC_HUB_URL", "");
    env.put("JUPYTERHUB_COOKIE_HOST_PREFIX_ENABLED", "0");
    return env;
  }
}
