package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Traits of {@code JupyterHub}, one component per trait, named in camelCase
 * ({@code db_url} → {@link #dbUrl()}). Plugin choices are in the plugin settings' {@code kind()}.
 * Free-form dicts are returned as copies. {@code bind_url} and {@code hub_bind_url} are folded into
 * {@link #ip()}, {@link #port()}, {@link #baseUrl()}, {@link #hubIp()} and {@link #hubPort()} at load
 * (see BindUrls).
 */
public record HubSettings(
    String ip,
    int port,
    String baseUrl,
    String hubIp,
    int hubPort,
    String hubConnectIp,
    String hubConnectUrl,
    String publicUrl,
    String dbUrl,
    Optional<Secret> cookieSecret,
    String cookieSecretFile,
    double cookieMaxAgeDays,
    boolean adminAccess,
    boolean allowNamedServers,
    int namedServerLimitPerUser,
    String defaultServerName,
    int concurrentSpawnLimit,
    int activeServerLimit,
    List<RoleSpec> loadRoles,
    Map<String, GroupSpec> loadGroups,
    List<ServiceSpec> services,
    Map<Secret, String> apiTokens,
    Map<Secret, String> serviceTokens,
    Map<String, CustomScopeSpec> customScopes,
    String sslCert,
    String sslKey,
    boolean confirmNoSsl,
    boolean internalSsl,
    String internalCertsLocation,
    String subdomainHost,
    int apiPageDefaultLimit,
    int apiPageMaxLimit,
    long tokenExpiresInMaxSeconds,
    boolean redirectToServer,
    String defaultUrl,
    int lastActivityInterval,
    boolean cleanupServers,
    boolean cleanupProxy,
    boolean shutdownOnLogout,
    boolean cookieHostPrefixEnabled,
    String pidFile,
    List<String> templatePaths,
    JsonNode templateVars,
    String logLevel,
    String extraLogFile,
    boolean upgradeDb,
    List<String> trustedDownstreamIps,
    String logoFile,
    int redirectPort,
    List<String> letsencryptDomains,
    String letsencryptEmail,
    String acmeDirectoryUrl,
    String acmeCaBundle,
    boolean authenticatePrometheus) {

  public HubSettings {
    loadRoles = List.copyOf(loadRoles);
    loadGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loadGroups));
    services = List.copyOf(services);
    templatePaths = List.copyOf(templatePaths);
    templateVars = templateVars.deepCopy();
    trustedDownstreamIps = List.copyOf(trustedDownstreamIps);
    letsencryptDomains = List.copyOf(letsencryptDomains);
  }

  @Override
  public JsonNode templateVars() {
    return templateVars.deepCopy();
  }

  /** Whether TLS is configured for the public listener. */
  public boolean usesSsl() {
    return !sslCert.isEmpty() && !sslKey.isEmpty();
  }

  static HubSettings from(Values v) {
    return SettingsBinder.bind(HubSettings.class, v, java.util.Optional.empty());
  }
}
