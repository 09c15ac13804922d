package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Traits of {@code JupyterHub}, one component per trait, named in camelCase
 * ({@code db_url} → {@link #dbUrl()}). Plugin choices are in the plugin settings' {@code kind()}.
 * Free-form dicts are returned as copies.
 */
public record HubSettings(
    String ip,
    int port,
    String bindUrl,
    String baseUrl,
    String hubIp,
    int hubPort,
    String hubConnectIp,
    String hubConnectUrl,
    String hubBindUrl,
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
    JsonNode customScopes,
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
    double implicitSpawnSeconds,
    int lastActivityInterval,
    boolean cleanupServers,
    boolean cleanupProxy,
    boolean shutdownOnLogout,
    boolean cookieHostPrefixEnabled,
    boolean trustUserProvidedTokens,
    String pidFile,
    String dataFilesPath,
    List<String> templatePaths,
    JsonNode templateVars,
    String logLevel,
    String extraLogFile,
    boolean upgradeDb,
    boolean resetDb,
    JsonNode tornadoSettings,
    String forwardedHostHeader,
    List<String> trustedDownstreamIps,
    String logoFile,
    boolean authenticatePrometheus,
    int redirectPort,
    List<String> letsencryptDomains,
    String letsencryptEmail,
    String acmeDirectoryUrl,
    String acmeCaBundle) {

  public HubSettings {
    loadRoles = List.copyOf(loadRoles);
    loadGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loadGroups));
    services = List.copyOf(services);
    customScopes = customScopes.deepCopy();
    templatePaths = List.copyOf(templatePaths);
    templateVars = templateVars.deepCopy();
    tornadoSettings = tornadoSettings.deepCopy();
    trustedDownstreamIps = List.copyOf(trustedDownstreamIps);
    letsencryptDomains = List.copyOf(letsencryptDomains);
  }

  @Override
  public JsonNode customScopes() {
    return customScopes.deepCopy();
  }

  @Override
  public JsonNode templateVars() {
    return templateVars.deepCopy();
  }

  @Override
  public JsonNode tornadoSettings() {
    return tornadoSettings.deepCopy();
  }

  /** Whether TLS is configured for the public listener. */
  public boolean usesSsl() {
    return !sslCert.isEmpty() && !sslKey.isEmpty();
  }

  static HubSettings from(Values v) {
    return new HubSettings(v.string("ip"), v.integer("port"), v.string("bind_url"), v.string("base_url"),
        v.string("hub_ip"), v.integer("hub_port"), v.string("hub_connect_ip"), v.string("hub_connect_url"),
        v.string("hub_bind_url"), v.string("public_url"), v.string("db_url"), v.secretBytes("cookie_secret"),
        v.string("cookie_secret_file"), v.number("cookie_max_age_days"), v.bool("admin_access"),
        v.bool("allow_named_servers"), v.integer("named_server_limit_per_user"), v.string("default_server_name"),
        v.integer("concurrent_spawn_limit"), v.integer("active_server_limit"),
        StructuredSpecs.roles(v.raw("load_roles")), StructuredSpecs.groups(v.raw("load_groups")),
        StructuredSpecs.services(v.raw("services")), v.secretKeyMap("api_tokens"), v.secretKeyMap("service_tokens"),
        v.raw("custom_scopes"), v.string("ssl_cert"), v.string("ssl_key"), v.bool("confirm_no_ssl"),
        v.bool("internal_ssl"), v.string("internal_certs_location"), v.string("subdomain_host"),
        v.integer("api_page_default_limit"), v.integer("api_page_max_limit"),
        v.longValue("token_expires_in_max_seconds"), v.bool("redirect_to_server"), v.string("default_url"),
        v.number("implicit_spawn_seconds"), v.integer("last_activity_interval"), v.bool("cleanup_servers"),
        v.bool("cleanup_proxy"), v.bool("shutdown_on_logout"), v.bool("cookie_host_prefix_enabled"),
        v.bool("trust_user_provided_tokens"), v.string("pid_file"), v.string("data_files_path"),
        v.list("template_paths"), v.raw("template_vars"), v.logLevel("log_level"), v.string("extra_log_file"),
        v.bool("upgrade_db"), v.bool("reset_db"), v.raw("tornado_settings"), v.string("forwarded_host_header"),
        v.list("trusted_downstream_ips"), v.string("logo_file"), v.bool("authenticate_prometheus"),
        v.integer("redirect_port"), v.list("letsencrypt_domains"), v.string("letsencrypt_email"),
        v.string("acme_directory_url"), v.string("acme_ca_bundle"));
  }
}
