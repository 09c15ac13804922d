package org.ganymede.api;

/** Ends the hub process on {@code POST /api/shutdown}; the wiring class implements it. */
public interface HubShutdown {
  /** What a shutdown cleans up: users' servers, and the proxy if the hub started it. */
  record Cleanup(boolean servers, boolean proxy) {}

  /** {@code JupyterHub.cleanup_servers} and {@code cleanup_proxy}: used unless the request says otherwise. */
  Cleanup defaults();

  /** Starts shutting down in the background and returns at once; called once the answer is sent. */
  void begin(Cleanup cleanup);
}
