package org.ganymede.api;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code handler} label JupyterHub gives a request in {@code jupyterhub_request_duration_seconds}:
 * the Tornado handler's module and class, which dashboards and alerts written for JupyterHub filter
 * on. Ganymede's routes map to the handler that serves the same path in JupyterHub; a route
 * JupyterHub lacks keeps its own pattern.
 */
final class JupyterHubHandlerNames {
  static final String API_404 = "jupyterhub.apihandlers.base.API404";
  static final String PAGE_404 = "jupyterhub.handlers.base.Template404";

  /** Hub-relative route pattern, its parameters written as {@code :}, to the handler's name. */
  private static final Map<String, String> BY_PATTERN = build();

  private JupyterHubHandlerNames() {}

  /**
   * @param hubPattern the route's pattern below {@code base_url + "hub"}, e.g. {@code /api/users/:name}
   */
  static String of(String hubPattern) {
    return BY_PATTERN.getOrDefault(normalised(hubPattern), hubPattern);
  }

  private static String normalised(String pattern) {
    return pattern.replaceAll(":[A-Za-z_]+", ":");
  }

  private static Map<String, String> build() {
    Map<String, String> m = new HashMap<>();
    String users = "jupyterhub.apihandlers.users.";
    put(m, "/api/", "jupyterhub.apihandlers.hub.RootAPIHandler");
    put(m, "/api/info", "jupyterhub.apihandlers.hub.InfoAPIHandler");
    put(m, "/api/shutdown", "jupyterhub.apihandlers.hub.ShutdownAPIHandler");
    put(m, "/api/health", "jupyterhub.handlers.pages.HealthCheckHandler");
    put(m, "/api/metrics", "jupyterhub.handlers.metrics.MetricsHandler");
    put(m, "/api/proxy", "jupyterhub.apihandlers.proxy.ProxyAPIHandler");
    put(m, "/api/user", users + "SelfAPIHandler");
    put(m, "/api/users", users + "UserListAPIHandler");
    put(m, "/api/users/:name", users + "UserAPIHandler");
    put(m, "/api/users/:name/server", users + "UserServerAPIHandler");
    put(m, "/api/users/:name/servers/:server", users + "UserServerAPIHandler");
    put(m, "/api/users/:name/server/progress", users + "SpawnProgressAPIHandler");
    put(m, "/api/users/:name/servers/:server/progress", users + "SpawnProgressAPIHandler");
    put(m, "/api/users/:name/tokens", users + "UserTokenListAPIHandler");
    put(m, "/api/users/:name/tokens/:id", users + "UserTokenAPIHandler");
    put(m, "/api/users/:name/activity", users + "ActivityAPIHandler");
    put(m, "/api/groups", "jupyterhub.apihandlers.groups.GroupListAPIHandler");
    put(m, "/api/groups/:name", "jupyterhub.apihandlers.groups.GroupAPIHandler");
    put(m, "/api/groups/:name/users", "jupyterhub.apihandlers.groups.GroupUsersAPIHandler");
    put(m, "/api/groups/:name/properties", "jupyterhub.apihandlers.groups.GroupPropertiesAPIHandler");
    put(m, "/api/services", "jupyterhub.apihandlers.services.ServiceListAPIHandler");
    put(m, "/api/services/:name", "jupyterhub.apihandlers.services.ServiceAPIHandler");
    put(m, "/api/oauth2/authorize", "jupyterhub.apihandlers.auth.OAuthAuthorizeHandler");
    put(m, "/api/oauth2/token", "jupyterhub.apihandlers.auth.OAuthTokenHandler");
    String pages = "jupyterhub.handlers.pages.";
    put(m, "/", pages + "RootHandler");
    put(m, "/home", pages + "HomeHandler");
    put(m, "/admin", pages + "AdminHandler");
    put(m, "/spawn", pages + "SpawnHandler");
    put(m, "/spawn/:user", pages + "SpawnHandler");
    put(m, "/spawn/:user/:server", pages + "SpawnHandler");
    put(m, "/spawn-pending/:user", pages + "SpawnPendingHandler");
    put(m, "/spawn-pending/:user/:server", pages + "SpawnPendingHandler");
    put(m, "/token", pages + "TokenPageHandler");
    put(m, "/error/:code", pages + "ProxyErrorHandler");
    put(m, "/health", pages + "HealthCheckHandler");
    put(m, "/metrics", "jupyterhub.handlers.metrics.MetricsHandler");
    put(m, "/login", "jupyterhub.handlers.login.LoginHandler");
    put(m, "/logout", "jupyterhub.handlers.login.LogoutHandler");
    put(m, "/logo", "jupyterhub.handlers.static.LogoHandler");
    put(m, "/static/*", "jupyterhub.handlers.static.CacheControlStaticFilesHandler");
    put(m, "/user/:user/*", "jupyterhub.handlers.base.UserUrlHandler");
    put(m, "/user/:user", "jupyterhub.handlers.base.UserUrlHandler");
    put(m, "/user-redirect/*", "jupyterhub.handlers.base.UserRedirectHandler");
    return Map.copyOf(m);
  }

  private static void put(Map<String, String> m, String pattern, String handler) {
    m.put(normalised(pattern), handler);
  }
}
