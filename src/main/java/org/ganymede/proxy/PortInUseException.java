package org.ganymede.proxy;

/**
 * A listener could not bind because its port is taken. It names the listener and the port, so the
 * caller can name the option that chose them (JupyterHub.port, --api-port...) instead of showing
 * the socket layer's "bind(..) failed: Address already in use".
 */
public final class PortInUseException extends ProxyException {
  /** The proxy's listeners, each set by its own option. */
  public enum Listener { PUBLIC, API, METRICS, REDIRECT }

  private final Listener listener;
  private final String ip;
  private final int port;

  PortInUseException(Listener listener, String ip, int port, Throwable cause) {
    super("port " + port + " of the proxy's " + listener.name().toLowerCase(java.util.Locale.ROOT)
        + " listener is in use (on " + (ip.isEmpty() ? "every address" : ip) + ")", cause);
    this.listener = listener;
    this.ip = ip;
    this.port = port;
  }

  public Listener listener() {
    return listener;
  }

  public String ip() {
    return ip;
  }

  public int port() {
    return port;
  }

  /**
   * Whether {@code failure} (or a cause of it) says the address is taken: the JDK's
   * {@link java.net.BindException}, or Netty's native transport error, which is a plain
   * IOException carrying the system's message.
   */
  public static boolean isAddressInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.BindException) return true;
      if (t.getMessage() != null && t.getMessage().contains("Address already in use")) return true;
    }
    return false;
  }
}
