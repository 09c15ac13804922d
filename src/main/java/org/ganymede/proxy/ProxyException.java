package org.ganymede.proxy;

/** Any proxy failure that crosses the package boundary: bad options, bad routes, I/O at start. */
public class ProxyException extends RuntimeException {
  public ProxyException(String message) {
    super(message);
  }

  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
