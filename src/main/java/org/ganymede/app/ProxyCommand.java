package org.ganymede.app;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ganymede.proxy.ProxyException;
import org.ganymede.proxy.ProxyOptions;
import org.ganymede.proxy.ProxyServer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ganymede proxy}: the proxy alone, with configurable-http-proxy's command line, so that
 * JupyterHub can run it as {@code ConfigurableHTTPProxy.command}. Flags CHP has but Ganymede does
 * not implement are accepted by the parser and then refused by name, never silently ignored.
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Run the Ganymede proxy with configurable-http-proxy's flags. The REST API "
        + "token comes from the environment variable CONFIGPROXY_AUTH_TOKEN.")
final class ProxyCommand implements Callable<Integer> {
  @Option(names = "--ip", description = "Public-facing IP of the proxy (default: all interfaces)") String ip = "";
  @Option(names = "--port", description = "Public-facing port of the proxy (default: ${DEFAULT-VALUE})") int port = 8000;
  @Option(names = "--ssl-key", description = "PEM key for the public side") Path sslKey;
  @Option(names = "--ssl-cert", description = "PEM certificate for the public side") Path sslCert;
  @Option(names = "--ssl-ca", description = "PEM CA bundle for client certificates") Path sslCa;
  @Option(names = "--ssl-request-cert", description = "Request client certificates") boolean sslRequestCert;
  @Option(names = "--ssl-reject-unauthorized", arity = "0..1", fallbackValue = "true", description = "Refuse clients without a valid certificate") boolean sslRejectUnauthorized;
  @Option(names = "--api-ip", description = "REST API IP (default: ${DEFAULT-VALUE})") String apiIp = "localhost";
  @Option(names = "--api-port", description = "REST API port (default: port + 1)") Integer apiPort;
  @Option(names = "--client-ssl-key", description = "PEM key presented to https targets") Path clientSslKey;
  @Option(names = "--client-ssl-cert", description = "PEM certificate presented to https targets") Path clientSslCert;
  @Option(names = "--client-ssl-ca", description = "PEM CA bundle https targets must chain to") Path clientSslCa;
  @Option(names = "--client-ssl-request-cert", description = "Accepted for compatibility; a client always sends its certificate when asked") boolean clientSslRequestCert;
  @Option(names = "--client-ssl-reject-unauthorized", arity = "0..1", fallbackValue = "true", description = "Verify https targets (default true)") Boolean clientSslRejectUnauthorized;
  @Option(names = "--default-target", description = "Default proxy target (route /)") String defaultTarget;
  @Option(names = "--error-target", description = "On 404/503 fetch <target>/<code>?url=...") String errorTarget;
  @Option(names = "--error-path", description = "Directory with <code>.html or error.html pages") Path errorPath;
  @Option(names = "--redirect-port", description = "Plain-HTTP port that redirects to https") Integer redirectPort;
  @Option(names = "--redirect-to", description = "Port to redirect to (default: the public port)") Integer redirectTo;
  @Option(names = "--pid-file", description = "Write the PID here; removed on exit") Path pidFile;
  @Option(names = "--no-x-forward", description = "Do not add X-Forwarded-* headers") boolean noXForward;
  @Option(names = "--no-prepend-path", description = "Do not prepend the target's path") boolean noPrependPath;
  @Option(names = "--no-include-prefix", description = "Strip the route prefix before forwarding") boolean noIncludePrefix;
  @Option(names = "--custom-header", description = "Extra request header 'name: value' (repeatable)") List<String> customHeaders = new ArrayList<>();
  @Option(names = "--insecure", description = "Do not verify https targets") boolean insecure;
  @Option(names = "--host-routing", description = "Use the Host as the first routespec segment") boolean hostRouting;
  @Option(names = "--metrics-ip", description = "Metrics IP (default: ${DEFAULT-VALUE})") String metricsIp = "0.0.0.0";
  @Option(names = "--metrics-port", description = "Prometheus /metrics port (off unless given)") Integer metricsPort;
  @Option(names = "--log-level", description = "debug, info, warn or error (default: ${DEFAULT-VALUE})") String logLevel = "info";
  @Option(names = "--timeout", description = "Inactivity timeout of public connections, ms") Long timeout;
  @Option(names = "--proxy-timeout", description = "Timeout waiting for a target, ms") Long proxyTimeout;
  @Option(names = "--keep-alive-timeout", description = "Idle keep-alive timeout, ms (default: ${DEFAULT-VALUE})") long keepAliveTimeout = 5000;
  @Option(names = "--routes-file", description = "Ganymede extension: keep routes in this file (0600) and restore them on start") Path routesFile;

  // CHP flags Ganymede does not implement: parsed so they can be refused by name.
  private static final List<String> VALUED_UNSUPPORTED = List.of("--socket", "--api-socket",
      "--metrics-socket", "--api-ssl-key", "--api-ssl-cert", "--api-ssl-ca", "--ssl-protocol",
      "--ssl-ciphers", "--ssl-dhparam", "--protocol-rewrite", "--storage-backend");
  private static final List<String> SWITCH_UNSUPPORTED = List.of("--api-ssl-request-cert",
      "--api-ssl-reject-unauthorized", "--ssl-allow-rc4", "--auto-rewrite", "--change-origin");

  @Option(names = {"--socket", "--api-socket", "--metrics-socket", "--api-ssl-key", "--api-ssl-cert",
      "--api-ssl-ca", "--ssl-protocol", "--ssl-ciphers", "--ssl-dhparam", "--protocol-rewrite",
      "--storage-backend"}, hidden = true, arity = "1")
  List<String> unsupportedValues = new ArrayList<>();

  @Option(names = {"--api-ssl-request-cert", "--api-ssl-reject-unauthorized", "--ssl-allow-rc4",
      "--auto-rewrite", "--change-origin"}, hidden = true, arity = "0..1", fallbackValue = "true")
  List<Boolean> unsupportedSwitches = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> unsupported = unsupportedFlagsGiven();
    if (!unsupported.isEmpty()) {
      System.err.println("ganymede proxy: not implemented: " + String.join(", ", unsupported)
          + ". Remove them (the proxy would behave differently than asked).");
      return 2;
    }
    ProxyOptions options;
    try {
      setLogLevel(logLevel);
      options = options();
    } catch (ProxyException e) {
      System.err.println("ganymede proxy: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
        .setEventLoopPoolSize(options.eventLoops()));
    ProxyServer proxy;
    try {
      proxy = ProxyServer.start(vertx, options);
    } catch (org.ganymede.proxy.PortInUseException e) {
      System.err.println("ganymede proxy: " + PortsInUse.proxyFlag(e));
      vertx.close();
      return 1;
    } catch (ProxyException e) {
      System.err.println("ganymede proxy: " + e.getMessage());
      vertx.close();
      return 1;
    }
    if (pidFile != null) {
      Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      proxy.close();
      vertx.close();
      if (pidFile != null) {
        try {
          Files.deleteIfExists(pidFile);
        } catch (IOException e) {
          System.err.println("cannot remove " + pidFile + ": " + e.getMessage());
        }
      }
      stopped.countDown();
    }, "ganymede-proxy-shutdown"));
    stopped.await();
    return 0;
  }

  private List<String> unsupportedFlagsGiven() {
    List<String> names = new ArrayList<>();
    for (String arg : spec.commandLine().getParseResult().originalArgs()) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if ((VALUED_UNSUPPORTED.contains(name) || SWITCH_UNSUPPORTED.contains(name)) && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  ProxyOptions options() {
    ProxyOptions.Builder builder = ProxyOptions.builder()
        .ip(ip.isEmpty() || ip.equals("*") ? "0.0.0.0" : ip)
        .port(port)
        .apiIp(apiIp)
        .metricsIp(metricsIp)
        .sslRequestCert(sslRequestCert)
        .sslRejectUnauthorized(sslRejectUnauthorized)
        .insecure(insecure || Boolean.FALSE.equals(clientSslRejectUnauthorized))
        .xForward(!noXForward)
        .prependPath(!noPrependPath)
        .includePrefix(!noIncludePrefix)
        .hostRouting(hostRouting)
        .keepAliveTimeout(Duration.ofMillis(keepAliveTimeout));
    if (apiPort != null) builder.apiPort(apiPort);
    if (sslKey != null) builder.sslKey(sslKey);
    if (sslCert != null) builder.sslCert(sslCert);
    if (sslCa != null) builder.sslCa(sslCa);
    if (clientSslKey != null) builder.clientSslKey(clientSslKey);
    if (clientSslCert != null) builder.clientSslCert(clientSslCert);
    if (clientSslCa != null) builder.clientSslCa(clientSslCa);
    if (defaultTarget != null) builder.defaultTarget(defaultTarget);
    if (errorTarget != null) builder.errorTarget(errorTarget);
    if (errorPath != null) builder.errorPath(errorPath);
    if (redirectPort != null) builder.redirectPort(redirectPort);
    if (redirectTo != null) builder.redirectTo(redirectTo);
    if (metricsPort != null) builder.metricsPort(metricsPort);
    if (timeout != null) builder.timeout(Duration.ofMillis(timeout));
    if (proxyTimeout != null) builder.proxyTimeout(Duration.ofMillis(proxyTimeout));
    if (routesFile != null) builder.routesFile(routesFile);
    for (String header : customHeaders) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new ProxyException("--custom-header '" + header + "' must look like 'Name: value'");
      }
      builder.customHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    String token = System.getenv("CONFIGPROXY_AUTH_TOKEN");
    if (token != null && !token.isEmpty()) {
      builder.authToken(token);
    }
    return builder.build();
  }

  private static void setLogLevel(String level) {
    Level logback = switch (level.toLowerCase(java.util.Locale.ROOT)) {
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARN;
      case "error" -> Level.ERROR;
      default -> throw new ProxyException("--log-level '" + level + "': use debug, info, warn or error");
    };
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(logback);
    // Netty and Vert.x chatter stays at INFO or above even with --log-level debug.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.INFO);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.vertx")).setLevel(Level.INFO);
  }
}
