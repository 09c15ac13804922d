package org.ganymede.auth.ldap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets on which the JDK itself checks that the server's certificate names the host asked
 * for (endpoint identification "LDAPS", RFC 4513: DNS names and IP addresses in the subject
 * alternative names), during the handshake, for ldaps and for StartTLS alike. The LDAP SDK's own
 * name check accepts any certificate for a loopback address and is not applied to StartTLS.
 */
final class NameCheckingSockets extends SSLSocketFactory {
  private final SSLSocketFactory delegate;

  NameCheckingSockets(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  private static Socket checked(Socket socket) throws IOException {
    if (!(socket instanceof SSLSocket ssl)) {
      socket.close();
      throw new IOException("not a TLS socket: " + socket.getClass().getName());
    }
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("LDAPS");
    ssl.setSSLParameters(parameters);
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
    return checked(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    return checked(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return checked(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return checked(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return checked(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return checked(delegate.createSocket(address, port, localAddress, localPort));
  }
}
