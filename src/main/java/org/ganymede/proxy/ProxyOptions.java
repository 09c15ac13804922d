package org.ganymede.proxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every configurable-http-proxy option Ganymede implements, validated once. Build with {@link
 * #builder()}; defaults are CHP's.
 *
 * @param ip public address (CHP default: all interfaces; {@code *} means all)
 * @param port public port; 0 picks a free one
 * @param apiIp REST API address, default {@code 127.0.0.1}
 * @param apiPort REST API port, default {@code port + 1} (0 when {@code port} is 0)
 * @param metricsIp metrics address
 * @param metricsPort Prometheus {@code /metrics} port; empty = no metrics listener
 * @param sslKey PEM private key of the public listener
 * @param sslCert PEM certificate (chain) of the public listener
 * @param sslCa PEM CA bundle used to check client certificates
 * @param sslRequestCert ask public clients for a certificate
 * @param sslRejectUnauthorized with {@code sslRequestCert}, refuse clients without a valid one
 * @param clientSslKey PEM key the proxy presents to https targets
 * @param clientSslCert PEM certificate the proxy presents to https targets
 * @param clientSslCa PEM CA bundle that https targets must chain to (default: the JDK's)
 * @param insecure do not verify https targets at all
 * @param defaultTarget target of the {@code /} route added at start
 * @param errorTarget on 404/503, GET {@code <errorTarget>/<code>?url=<escaped url>} and relay it
 * @param errorPath on 404/503, serve {@code <errorPath>/<code>.html} or {@code error.html}
 * @param redirectPort extra plain-HTTP port that redirects (301) to https
 * @param redirectTo the https port to redirect to, default {@code port}
 * @param xForward add {@code X-Forwarded-For/-Port/-Proto/-Host}
 * @param prependPath prepend the target URL's path
 * @param includePrefix keep the matched route prefix in the forwarded path
 * @param hostRouting use the Host header as the first routespec segment
 * @param customHeaders headers added to every forwarded request
 * @param timeout inactivity timeout of public connections (CHP {@code --timeout})
 * @param proxyTimeout how long to wait for a target to connect and answer
 * @param keepAliveTimeout how long an idle public connection stays open between requests
 * @param headerTimeout how long a new public connection may take to send its first request
 *     (Ganymede; like Node's {@code headersTimeout}, default 60 s)
 * @param authToken the REST API token; empty = API not authenticated (CHP's behaviour)
 * @param routesFile where to persist routes (Ganymede extension); empty = memory only
 * @param eventLoops how many event loops serve the public port
 * @param maxHeaderSize largest request header block accepted (bytes); larger gets 431
 * @param acmeChallengeDir (Ganymede extension) directory whose files the redirect listener serves
 *     at {@code /.well-known/acme-challenge/<token>} for ACME HTTP-01; empty = none
 * @param hsts (Ganymede extension) {@code Strict-Transport-Security} value added to every proxied
 *     response that has none (user servers included); needs TLS on the public port
 * @param apiSsl TLS of the REST API listener (CHP {@code --api-ssl-key/-cert/-ca}); with a CA,
 *     clients must present a certificate from it (CHP {@code --api-ssl-request-cert} and
 *     {@code --api-ssl-reject-unauthorized})
 */
public record ProxyOptions(
    String ip,
    int port,
    String apiIp,
    int apiPort,
    String metricsIp,
    OptionalInt metricsPort,
    Optional<Path> sslKey,
    Optional<Path> sslCert,
    Optional<Path> sslCa,
    boolean sslRequestCert,
    boolean sslRejectUnauthorized,
    Optional<Path> clientSslKey,
    Optional<Path> clientSslCert,
    Optional<Path> clientSslCa,
    boolean insecure,
    Optional<String> defaultTarget,
    Optional<String> errorTarget,
    Optional<Path> errorPath,
    OptionalInt redirectPort,
    OptionalInt redirectTo,
    boolean xForward,
    boolean prependPath,
    boolean includePrefix,
    boolean hostRouting,
    Map<String, String> customHeaders,
    Optional<Duration> timeout,
    Optional<Duration> proxyTimeout,
    Duration keepAliveTimeout,
    Duration headerTimeout,
    Optional<String> authToken,
    Optional<Path> routesFile,
    int eventLoops,
    int maxHeaderSize,
    Optional<Path> acmeChallengeDir,
    Optional<ApiSsl> apiSsl,
    Optional<String> hsts) {

  /** Key, certificate and client CA of the REST API listener. */
  public record ApiSsl(Path key, Path certificate, Optional<Path> clientCa) {}


  public ProxyOptions {
    customHeaders = Map.copyOf(customHeaders);
    checkPort("port", port);
    checkPort("api-port", apiPort);
    metricsPort.ifPresent(p -> checkPort("metrics-port", p));
    redirectPort.ifPresent(p -> checkPort("redirect-port", p));
    redirectTo.ifPresent(p -> checkPort("redirect-to", p));
    if (errorTarget.isPresent() && errorPath.isPresent()) {
      throw new ProxyException("--error-target and --error-path exclude each other; give one");
    }
    if (sslKey.isPresent() != sslCert.isPresent()) {
      throw new ProxyException("--ssl-key and --ssl-cert go together; give both or neither");
    }
    if (clientSslKey.isPresent() != clientSslCert.isPresent()) {
      throw new ProxyException("--client-ssl-key and --client-ssl-cert go together; give both or neither");
    }
    if (redirectPort.isPresent() && sslKey.isEmpty()) {
      throw new ProxyException("--redirect-port needs TLS on the public port (--ssl-key, --ssl-cert)");
    }
    if (hsts.isPresent() && sslKey.isEmpty()) {
      throw new ProxyException("HSTS needs TLS on the public port (--ssl-key, --ssl-cert)");
    }
    if (sslRequestCert && sslKey.isEmpty()) {
      throw new ProxyException("--ssl-request-cert needs --ssl-key and --ssl-cert");
    }
    if (eventLoops < 1 || eventLoops > 256) {
      throw new ProxyException("event loops must be 1-256, got " + eventLoops);
    }
    if (maxHeaderSize < 1024 || maxHeaderSize > 1 << 20) {
      throw new ProxyException("max header size must be 1 KiB-1 MiB, got " + maxHeaderSize);
    }
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new ProxyException("header timeout must be positive, got " + headerTimeout.toMillis() + " ms");
    }
    if (keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
      throw new ProxyException("--keep-alive-timeout must be positive, got " + keepAliveTimeout.toMillis() + " ms");
    }
    defaultTarget.ifPresent(Target::parse);
    errorTarget.ifPresent(Target::parse);
    authToken.ifPresent(
        t -> {
          if (t.isBlank()) {
            throw new ProxyException("the API token (CONFIGPROXY_AUTH_TOKEN) is blank; unset it or give a value");
          }
        });
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new ProxyException("--" + name + " must be 0-65535, got " + port);
    }
  }

  public boolean tls() {
    return sslKey.isPresent();
  }

  @Override
  public String toString() {
    return "ProxyOptions[ip=" + ip + ", port=" + port + ", apiIp=" + apiIp + ", apiPort=" + apiPort
        + ", tls=" + tls() + ", hostRouting=" + hostRouting + ", authToken="
        + (authToken.isPresent() ? "(set)" : "(none)") + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder with CHP's defaults; {@link #build()} validates. */
  public static final class Builder {
    private String ip = "0.0.0.0";
    private int port = 8000;
    private String apiIp = "127.0.0.1";
    private Integer apiPort;
    private String metricsIp = "0.0.0.0";
    private OptionalInt metricsPort = OptionalInt.empty();
    private Optional<Path> sslKey = Optional.empty();
    private Optional<Path> sslCert = Optional.empty();
    private Optional<Path> sslCa = Optional.empty();
    private boolean sslRequestCert;
    private boolean sslRejectUnauthorized = true;
    private Optional<Path> clientSslKey = Optional.empty();
    private Optional<Path> clientSslCert = Optional.empty();
    private Optional<Path> clientSslCa = Optional.empty();
    private boolean insecure;
    private Optional<String> defaultTarget = Optional.empty();
    private Optional<String> errorTarget = Optional.empty();
    private Optional<Path> errorPath = Optional.empty();
    private OptionalInt redirectPort = OptionalInt.empty();
    private OptionalInt redirectTo = OptionalInt.empty();
    private boolean xForward = true;
    private boolean prependPath = true;
    private boolean includePrefix = true;
    private boolean hostRouting;
    private final Map<String, String> customHeaders = new LinkedHashMap<>();
    private Optional<Duration> timeout = Optional.empty();
    private Optional<Duration> proxyTimeout = Optional.empty();
    private Duration keepAliveTimeout = Duration.ofSeconds(5);
    private Duration headerTimeout = Duration.ofSeconds(60);
    private Optional<String> authToken = Optional.empty();
    private Optional<Path> routesFile = Optional.empty();
    private int eventLoops = Runtime.getRuntime().availableProcessors();
    private int maxHeaderSize = 16 * 1024;
    private Optional<Path> acmeChallengeDir = Optional.empty();
    private Optional<ApiSsl> apiSsl = Optional.empty();
    private Optional<String> hsts = Optional.empty();

    private Builder() {}

    public Builder ip(String v) { ip = v.equals("*") ? "0.0.0.0" : v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder apiIp(String v) { apiIp = v; return this; }
    public Builder apiPort(int v) { apiPort = v; return this; }
    public Builder metricsIp(String v) { metricsIp = v; return this; }
    public Builder metricsPort(int v) { metricsPort = OptionalInt.of(v); return this; }
    public Builder sslKey(Path v) { sslKey = Optional.of(v); return this; }
    public Builder sslCert(Path v) { sslCert = Optional.of(v); return this; }
    public Builder sslCa(Path v) { sslCa = Optional.of(v); return this; }
    public Builder sslRequestCert(boolean v) { sslRequestCert = v; return this; }
    public Builder sslRejectUnauthorized(boolean v) { sslRejectUnauthorized = v; return this; }
    public Builder clientSslKey(Path v) { clientSslKey = Optional.of(v); return this; }
    public Builder clientSslCert(Path v) { clientSslCert = Optional.of(v); return this; }
    public Builder clientSslCa(Path v) { clientSslCa = Optional.of(v); return this; }
    public Builder insecure(boolean v) { insecure = v; return this; }
    public Builder defaultTarget(String v) { defaultTarget = Optional.of(v); return this; }
    public Builder errorTarget(String v) { errorTarget = Optional.of(v); return this; }
    public Builder errorPath(Path v) { errorPath = Optional.of(v); return this; }
    public Builder redirectPort(int v) { redirectPort = OptionalInt.of(v); return this; }
    public Builder redirectTo(int v) { redirectTo = OptionalInt.of(v); return this; }
    public Builder xForward(boolean v) { xForward = v; return this; }
    public Builder prependPath(boolean v) { prependPath = v; return this; }
    public Builder includePrefix(boolean v) { includePrefix = v; return this; }
    public Builder hostRouting(boolean v) { hostRouting = v; return this; }
    public Builder customHeader(String name, String value) { customHeaders.put(name, value); return this; }
    public Builder timeout(Duration v) { timeout = Optional.of(v); return this; }
    public Builder proxyTimeout(Duration v) { proxyTimeout = Optional.of(v); return this; }
    public Builder keepAliveTimeout(Duration v) { keepAliveTimeout = v; return this; }
    public Builder headerTimeout(Duration v) { headerTimeout = v; return this; }
    public Builder authToken(String v) { authToken = Optional.of(v); return this; }
    public Builder routesFile(Path v) { routesFile = Optional.of(v); return this; }
    public Builder eventLoops(int v) { eventLoops = v; return this; }
    public Builder maxHeaderSize(int v) { maxHeaderSize = v; return this; }
    public Builder acmeChallengeDir(Path v) { acmeChallengeDir = Optional.of(v); return this; }
    public Builder apiSsl(ApiSsl v) { apiSsl = Optional.of(v); return this; }
    public Builder hsts(String v) { hsts = Optional.of(v); return this; }

    public ProxyOptions build() {
      int api = apiPort != null ? apiPort : (port == 0 ? 0 : port + 1);
      return new ProxyOptions(
          ip, port, apiIp, api, metricsIp, metricsPort, sslKey, sslCert, sslCa, sslRequestCert,
          sslRejectUnauthorized, clientSslKey, clientSslCert, clientSslCa, insecure, defaultTarget,
          errorTarget, errorPath, redirectPort, redirectTo, xForward, prependPath, includePrefix,
          hostRouting, customHeaders, timeout, proxyTimeout, keepAliveTimeout, headerTimeout, authToken,
          routesFile, eventLoops, maxHeaderSize, acmeChallengeDir, apiSsl, hsts);
    }
  }
}
