package org.ganymede.app;

import org.ganymede.proxy.PortInUseException;

/**
 * A taken port told as the option that chose it: "JupyterHub.hub_port 8081 is in use", not the
 * socket layer's "bind(..) failed: Address already in use".
 */
final class PortsInUse {
  private PortsInUse() {}

  /** The hub's option behind each embedded proxy listener. */
  static StartupException hubProxy(PortInUseException e) {
    String option = switch (e.listener()) {
      case PUBLIC -> "JupyterHub.port";
      case REDIRECT -> "JupyterHub.redirect_port";
      case API -> "the proxy API port (ConfigurableHTTPProxy.api_url)";
      case METRICS -> "the proxy metrics port";
    };
    return inUse(option, e.ip(), e.port());
  }

  /** {@code ganymede proxy}'s flag behind each listener (configurable-http-proxy's names). */
  static String proxyFlag(PortInUseException e) {
    String flag = switch (e.listener()) {
      case PUBLIC -> "--port";
      case API -> "--api-port";
      case METRICS -> "--metrics-port";
      case REDIRECT -> "--redirect-port";
    };
    return inUse(flag, e.ip(), e.port()).getMessage();
  }

  static StartupException inUse(String option, String ip, int port) {
    return new StartupException(option + " " + port + " is in use" + (ip.isEmpty() ? "" : " on " + ip)
        + ": another program (or another hub) listens there; stop it or choose another port");
  }
}
