package org.ganymede.config;

/**
 * The proxy, chosen by {@code JupyterHub.proxy_class}: the one built into Ganymede, or an external
 * configurable-http-proxy driven over its REST API. Both read {@code ConfigurableHTTPProxy} traits.
 */
public enum ProxyKind {
  EMBEDDED,
  EXTERNAL_CHP
}
