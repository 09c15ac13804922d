package org.ganymede.auth.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.AggregateTrustManager;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Opens connections to the directory as {@code tls_strategy} says: {@code before_bind} (StartTLS
 * before any credential is sent), {@code on_connect} (ldaps) or {@code insecure}. Certificates are
 * checked against the JVM's trust store plus {@code tls_kwargs['ca_certs_file']}, and the server's
 * name against {@code server_address} by the JDK during the handshake ({@link NameCheckingSockets})
 * — unlike ldap3's default, which checks nothing. Every
 * connect and every answer is bounded by {@code timeout}, so a silent directory cannot hold a login.
 */
final class Directory {
  enum Tls { BEFORE_BIND, ON_CONNECT, INSECURE }

  private final String host;
  private final int port;
  private final Tls tls;
  private final LDAPConnectionOptions options;
  private final Optional<SSLSocketFactory> sockets;

  Directory(String host, int port, Tls tls, Optional<File> caFile, int timeoutSeconds) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(timeoutSeconds * 1000);
    options.setResponseTimeoutMillis(timeoutSeconds * 1000L);
    options.setAbandonOnTimeout(true);
    options.setFollowReferrals(false);
    this.sockets = tls == Tls.INSECURE ? Optional.empty() : Optional.of(socketFactory(caFile));
  }

  private static SSLSocketFactory socketFactory(Optional<File> caFile) {
    List<X509TrustManager> trust = new ArrayList<>();
    trust.add(JVMDefaultTrustManager.getInstance());
    try {
      if (caFile.isPresent()) trust.add(new PEMFileTrustManager(caFile.get()));
      // The JDK's own factory (the SDK's wraps sockets in a class that is no SSLSocket), name-checked.
      return new NameCheckingSockets(new SSLUtil(new AggregateTrustManager(false, trust)).createSSLContext()
          .getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use LDAPAuthenticator.tls_kwargs['ca_certs_file'] "
          + caFile.map(File::toString).orElse("") + ": " + e.getMessage(), e);
    }
  }

  /** A new connection, TLS set up as configured, not yet bound. The caller closes it. */
  LDAPConnection connect() throws LDAPException {
    if (tls == Tls.ON_CONNECT) return new LDAPConnection(sockets.orElseThrow(), options, host, port);
    LDAPConnection connection = new LDAPConnection(options, host, port);
    if (tls == Tls.BEFORE_BIND) {
      try {
        ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(sockets.orElseThrow()));
        if (started.getResultCode() != ResultCode.SUCCESS) {
          throw new LDAPException(ResultCode.CONNECT_ERROR, "the server refused StartTLS: "
              + started.getResultCode() + " " + Optional.ofNullable(started.getDiagnosticMessage()).orElse(""));
        }
      } catch (LDAPException e) {
        connection.close();
        // StartTLS refusals are server results; to the login they are an unusable directory.
        throw e.getResultCode().isClientSideResultCode() ? e
            : new LDAPException(ResultCode.CONNECT_ERROR, "StartTLS failed: " + e.getMessage(), e);
      }
    }
    return connection;
  }

  /** Where the directory is, for messages. */
  String describe() {
    return (tls == Tls.ON_CONNECT ? "ldaps://" : "ldap://") + host + ":" + port
        + (tls == Tls.BEFORE_BIND ? " (StartTLS)" : "");
  }
}
