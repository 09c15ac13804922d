package org.ganymede.auth;

import java.util.Arrays;

/**
 * What a login form submitted. The password is a char array so it can be wiped: call
 * {@link #close()} (try-with-resources) when done; {@link #toString()} never shows it.
 */
public final class Credentials implements AutoCloseable {
  private final String username;
  private final char[] password;
  private final String clientAddress;

  public Credentials(String username, char[] password, String clientAddress) {
    this.username = username;
    this.password = password;
    this.clientAddress = clientAddress;
  }

  public String username() {
    return username;
  }

  /** The password itself (not a copy): do not keep it. */
  public char[] password() {
    return password;
  }

  public String clientAddress() {
    return clientAddress;
  }

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "Credentials[" + org.ganymede.model.UserName.shorten(username) + " from " + clientAddress + "]";
  }
}
