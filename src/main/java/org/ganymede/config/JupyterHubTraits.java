package org.ganymede.config;

import java.util.List;
import java.util.Optional;

/**
 * The trait table: JupyterHub 5.x names and defaults (3.0 where they differ and 3.0 files must
 * keep working), with Ganymede's secure defaults where it deliberately differs, said in the help.
 */
final class JupyterHubTraits {
  static final long PORT_MAX = 65535;
  static final long BIG = Integer.MAX_VALUE;
  static final List<String> LOCAL_ENV_KEEP = List.of("JUPYTERHUB_SINGLEUSER_APP", "CONDA_DEFAULT_ENV", "CONDA_ROOT",
      "LANG", "LC_ALL", "LD_LIBRARY_PATH", "PATH", "PYTHONPATH", "VIRTUAL_ENV");
  static final TraitCatalogue CATALOGUE = build();

  private JupyterHubTraits() {}

  private static TraitCatalogue build() {
    TraitCatalogue c = new TraitCatalogue();
    hub(c);
    authenticators(c);
    OAuthTraits.declare(c);
    spawners(c);
    proxies(c);
    idleCuller(c);
    return c;
  }

  private static void hub(TraitCatalogue c) {
    c.declareClass("Application", Optional.empty(), "traitlets' Application; JupyterHub inherits its log_level.")
        .logLevel("log_level", "WARN", "Log level of the application (JupyterHub sets its own default, INFO).");
    c.declareClass("JupyterHub", Optional.of("Application"), "The hub: URLs, database, cookies, plugins, limits.")
        .string("ip", "", "Public interface the proxy listens on; '' means all interfaces.")
        .integer("port", 8000, 0, PORT_MAX, "Public port the proxy listens on.")
        .string("bind_url", "http://:8000", "Public URL the proxy binds (scheme, ip, port, base URL); ip/port override it.")
        .string("base_url", "/", "URL prefix for everything the hub serves.")
        .string("hub_ip", "127.0.0.1", "Interface the hub's internal HTTP server listens on.")
        .integer("hub_port", 8081, 0, PORT_MAX, "Port the hub's internal HTTP server listens on.")
        .string("hub_connect_ip", "", "Address servers and the proxy use to reach the hub, when not hub_ip.")
        .string("hub_connect_url", "", "Full URL servers and the proxy use to reach the hub; overrides hub_connect_ip.")
        .string("hub_bind_url", "", "Full URL the hub listens on; overrides hub_ip and hub_port.")
        .string("public_url", "", "Fixed public URL of the hub; skips host and scheme detection.")
        .string("db_url", "sqlite:///jupyterhub.sqlite", "Database URL: sqlite:///path or postgresql://user@host/db.")
        .secretBytes("cookie_secret", "Secret that signs cookies (bytes, or hex text); env JPY_COOKIE_SECRET.")
        .string("cookie_secret_file", "jupyterhub_cookie_secret", "File holding the cookie secret in hex; created mode 0600 when missing.")
        .number("cookie_max_age_days", 14, 0, "Days a login cookie stays valid.")
        .string("authenticator_class", "pam", "Authenticator: pam, dummy, ldap, generic-oauth, github, gitlab, google, azuread, cilogon, auth0, null, or a JupyterHub / oauthenticator / ldapauthenticator class path.")
        .string("spawner_class", "localprocess", "Spawner: localprocess, simple, sudo, or a JupyterHub class path.")
        .string("proxy_class", "ganymede", "Proxy: ganymede (built in) or configurable-http-proxy (external).")
        .bool("admin_access", false, "Let admins access other users' servers.")
        .bool("allow_named_servers", false, "Let users run several named servers.")
        .integer("named_server_limit_per_user", 0, 0, BIG, "Most named servers one user may have; 0 means no limit.")
        .string("default_server_name", "", "Server that /hub/user-redirect uses when named servers are on.")
        .integer("concurrent_spawn_limit", 100, 0, BIG, "Most spawns pending at once (429 beyond); 0 means no limit.")
        .integer("active_server_limit", 0, 0, BIG, "Most servers running at once (429 beyond); 0 means no limit.")
        .structured("load_roles", TraitType.ROLES, "Roles created at start: dicts of name, description, scopes, users, groups, services.")
        .structured("load_groups", TraitType.GROUPS, "Groups created at start: {name: [users]} or {name: {users: [...], properties: {...}}}.")
        .structured("services", TraitType.SERVICES, "Services: dicts of name, url, api_token, admin, oauth_*, and for services the hub runs command, environment, user, cwd.")
        .secretStringMap("api_tokens", "Pre-set user tokens {token: username} (pending deprecation in JupyterHub).")
        .secretStringMap("service_tokens", "Pre-set service tokens {token: servicename}.")
        .structured("custom_scopes", TraitType.CUSTOM_SCOPES, "Extra scopes {'custom:name': {'description': ...}} for use in roles.")
        .string("ssl_cert", "", "TLS certificate file for the public listener.")
        .string("ssl_key", "", "TLS private key file for the public listener.")
        .bool("confirm_no_ssl", false, "Acknowledge serving plain HTTP on a public interface.")
        .integer("redirect_port", 0, 0, PORT_MAX, "Ganymede: plain-HTTP port that redirects to https (and serves ACME challenges); 0 means none.")
        .list("letsencrypt_domains", List.of(), "Ganymede: get the public certificate from Let's Encrypt (ACME HTTP-01) for these names; needs redirect_port 80.")
        .string("letsencrypt_email", "", "Ganymede: contact address for the Let's Encrypt account (expiry notices).")
        .string("acme_directory_url", "https://acme-v02.api.letsencrypt.org/directory", "Ganymede: ACME directory (staging: https://acme-staging-v02.api.letsencrypt.org/directory).")
        .string("acme_ca_bundle", "", "Ganymede: PEM file of the CA certificates to trust for acme_directory_url (a private ACME CA); '' means the system's.")
        .bool("internal_ssl", false, "Use TLS between hub, proxy and servers (internal certificate authority).")
        .string("internal_certs_location", "internal-ssl", "Directory for the internal certificate authority.")
        .string("subdomain_host", "", "Give each user a subdomain of this host (needs wildcard DNS).")
        .integer("api_page_default_limit", 50, 1, BIG, "Default page size of paginated API lists.")
        .integer("api_page_max_limit", 200, 1, BIG, "Largest page size a client may ask for.")
        .integer("token_expires_in_max_seconds", 0, 0, Long.MAX_VALUE, "Longest lifetime of API-created tokens; 0 means no limit.")
        .bool("redirect_to_server", true, "After login, send users to their own server instead of /hub/home.")
        .string("default_url", "", "Where /hub/ sends logged-in users; '' means the default behaviour.")
        .number("implicit_spawn_seconds", 0, 0, "Seconds before the 'server not running' page starts it; 0 means never.")
            .refused("not supported yet: the 'server not running' page never starts a server by itself; set 0")
        .integer("last_activity_interval", 300, 1, BIG, "Seconds between activity and proxy-route checks.")
        .bool("cleanup_servers", true, "Stop users' servers when the hub shuts down.")
        .bool("cleanup_proxy", true, "Stop the proxy when the hub shuts down (if the hub started it).")
        .bool("shutdown_on_logout", false, "Stop the user's servers when they log out.")
        .bool("cookie_host_prefix_enabled", false, "Name the login cookie with the __Host- prefix.")
        .bool("trust_user_provided_tokens", false, "Hash user-provided tokens with fewer rounds (they are trusted to be random).")
            .refused("not supported: Ganymede stores every token as one SHA-256 hash of a random secret, so there are no rounds to lower")
        .string("pid_file", "", "File to write the hub's process id to; '' means none.")
        .string("data_files_path", "", "Directory of static files and templates; '' means Ganymede's own.")
            .refused("not supported: Ganymede's pages are its own; use template_paths, template_vars and logo_file")
        .list("template_paths", List.of(), "Extra template directories, searched first.")
        .dict("template_vars", "Extra variables for page templates (e.g. announcement).")
        .logLevel("log_level", "INFO", "Log level: DEBUG, INFO, WARN, ERROR or CRITICAL.")
        .string("extra_log_file", "", "Also append the log to this file; '' means none.")
        .bool("upgrade_db", false, "Upgrade the database schema automatically at start.")
        .bool("reset_db", false, "Delete all database contents at start (testing only).")
            .refused("not supported: stop the hub and delete or move the database file instead")
        .dict("tornado_settings", "Tornado web application settings.")
            .refused("not supported: Ganymede is not built on Tornado; use the named settings (cookie_max_age_days, ...) instead")
        .string("forwarded_host_header", "", "Header that carries the original Host behind a trusted proxy.")
            .refused("not supported: Ganymede checks API requests with session-bound XSRF tokens, not with Host/Referer, so there is no host check for it to govern")
        .list("trusted_downstream_ips", List.of(), "Addresses of trusted proxies skipped in X-Forwarded-For.")
        .string("logo_file", "", "Logo served at /hub/logo; '' means the built-in one.")
        .bool("authenticate_prometheus", true, "Require the read:metrics scope for /hub/metrics; False serves it to anyone.");
  }

  private static void authenticators(TraitCatalogue c) {
    c.declareClass("Authenticator", Optional.empty(), "Settings every authenticator shares: who may log in, who is admin.")
        .set("admin_users", "Users who are admins (added at start; removal from config does not revoke).")
        .set("allowed_users", "Users allowed to log in (added at start; see allow_all).")
        .set("blocked_users", "Users never allowed to log in.")
        .optionalBool("allow_all", "Allow every authenticated user; None means True only for dummy without allowed_users.")
        .optionalBool("allow_existing_users", "Allow users already in the database; None means True when allowed_users is set.")
        .string("username_pattern", "", "Regular expression every user name must match; '' means any safe name.")
        .stringMap("username_map", "Rename users at login {login name: hub name}.")
        .bool("delete_invalid_users", false, "Delete database users that fail validation at start (else warn).")
            .refused("not supported yet: invalid names are refused when users are created, so none can be stored")
        .bool("enable_auth_state", false, "Store authenticator state encrypted (needs JUPYTERHUB_CRYPT_KEY).")
        .bool("auto_login", false, "Skip the login page and go straight to the identity provider (OAuth authenticators; form logins always show the form).")
        .bool("manage_groups", false, "Group membership comes from the authenticator at every login.")
            .refused("not supported yet: it comes with institutional login (OAuth/LDAP, issue 13)")
        .bool("manage_roles", false, "Roles come from the authenticator at every login.")
            .refused("not supported yet: it comes with institutional login (OAuth/LDAP, issue 13)")
        .bool("request_otp", false, "Ask for a one-time password on the login form.")
            .refused("not supported yet: PAM logins take one password")
        .string("otp_prompt", "OTP:", "Label of the one-time password field.")
            .refused("not supported yet: PAM logins take one password")
        .integer("auth_refresh_age", 300, 0, BIG, "Seconds after which a login's authentication is refreshed; 0 means only before spawns (refresh_pre_spawn).")
        .bool("refresh_pre_spawn", false, "Refresh authentication before starting a server.")
        .alias("whitelist", "allowed_users")
        .alias("blacklist", "blocked_users");
    c.declareClass("LocalAuthenticator", Optional.of("Authenticator"), "Authenticators backed by local Unix users.")
        .set("allowed_groups", "Unix groups whose members may log in.")
        .bool("create_system_users", false, "Create missing Unix users with add_user_cmd.")
        .list("add_user_cmd", List.of("adduser", "-q", "--gecos", "\"\"", "--disabled-password"),
            "Command creating a Unix user; USERNAME is replaced, else the name is appended.")
        .intMap("uids", "Fixed uids for created users {name: uid}.")
        .alias("group_whitelist", "allowed_groups");
    c.declareClass("PAMAuthenticator", Optional.of("LocalAuthenticator"), "Log in with Unix passwords through PAM.")
        .string("service", "login", "PAM service name.")
        .string("encoding", "utf8", "Text encoding for PAM.")
        .bool("check_account", true, "Also run the PAM account stack (expired or locked accounts).")
        .bool("open_sessions", false, "Open a PAM session around each server.")
        .set("admin_groups", "Unix groups whose members are admins.")
        .bool("pam_normalize_username", false, "Round-trip names through uid lookup to normalize them.");
    c.declareClass("DummyAuthenticator", Optional.of("Authenticator"), "Testing: any name logs in, with an optional shared password.")
        .secretString("password", "Shared password every user must give; '' means any password.");
    c.declareClass("NullAuthenticator", Optional.of("Authenticator"), "No login at all: API tokens only.");
    ldapAuthenticator(c);
  }

  /** ldapauthenticator 2.0's names and defaults; see docs/identity-ldap.md. */
  private static void ldapAuthenticator(TraitCatalogue c) {
    c.declareClass("LDAPAuthenticator", Optional.of("Authenticator"), "Log in against an LDAP directory or Active Directory (ldapauthenticator's names).")
        .string("server_address", "", "Host name or address of the LDAP server.")
        .integer("server_port", 0, 0, PORT_MAX, "Port of the LDAP server; 0 means 389, or 636 with tls_strategy 'on_connect'.")
        .optionalBool("use_ssl", "Deprecated in ldapauthenticator 2.0: True means tls_strategy 'on_connect'; False does nothing.")
        .choice("tls_strategy", "before_bind", List.of("before_bind", "on_connect", "insecure"), "TLS: StartTLS before binding (default), TLS from the first byte (ldaps), or none.")
        .stringMap("tls_kwargs", "TLS options; Ganymede supports {'ca_certs_file': PEM file of CAs to trust}. Ganymede always checks the server's certificate and name (ldap3 does not by default).")
        .command("bind_dn_template", List.of(), "DN template(s) to bind as; {username} is replaced by the escaped name, e.g. 'uid={username},ou=people,dc=example,dc=org'.")
        .set("allowed_groups", "Group DNs whose members may log in (checked with group_search_filter).")
        .string("group_search_filter", "(|(member={userdn})(uniqueMember={userdn})(memberUid={uid}))", "Filter a group entry must match for the user to be a member; {userdn} and {uid} are escaped.")
        .list("group_attributes", List.of("member", "uniqueMember", "memberUid"), "Attributes fetched from each group entry.")
        .string("valid_username_regex", "^[a-z][.a-z0-9_-]*$", "Login names must match this regular expression.")
        .bool("lookup_dn", false, "Find the user's DN with a search instead of bind_dn_template alone.")
        .string("user_search_base", "", "Search base for lookup_dn and search_filter, e.g. 'ou=people,dc=example,dc=org'.")
        .string("user_attribute", "", "Attribute holding the login name, e.g. 'uid' or 'sAMAccountName' (lookup_dn, search_filter).")
        .string("lookup_dn_search_filter", "({login_attr}={login})", "Filter that finds the user; {login_attr} is user_attribute, {login} the escaped login name.")
        .string("lookup_dn_search_user", "", "DN of the account that searches for users; '' means an anonymous search.")
        .secretString("lookup_dn_search_password", "Password of lookup_dn_search_user.")
        .string("lookup_dn_user_dn_attribute", "", "Attribute of the found entry used as the user name in bind_dn_template (and as hub name with use_lookup_dn_username).")
        .bool("escape_userdn", false, "Removed in ldapauthenticator 2.0: names are always escaped; setting it only warns.")
        .string("search_filter", "", "Filter a user must match (exactly one entry) to log in; {userattr} is user_attribute, {username} the escaped name.")
        .list("attributes", List.of(), "Attributes fetched by the search_filter search.")
        .list("auth_state_attributes", List.of(), "User attributes returned in auth_state['user_attributes'].")
        .bool("use_lookup_dn_username", false, "With lookup_dn: the hub name is the lookup_dn_user_dn_attribute value, not the login name.")
        .string("account_attribute", "", "Ganymede: attribute of the user's entry naming the Unix account servers run as (e.g. 'uid'); '' means LocalProcessSpawner.username_template.")
        .integer("timeout", 10, 1, 600, "Ganymede: seconds to connect to the directory and for each answer; a login waits no longer.");
  }

  private static void spawners(TraitCatalogue c) {
    c.declareClass("Spawner", Optional.empty(), "Settings every spawner shares: what runs and its limits.")
        .command("cmd", List.of("jupyterhub-singleuser"), "Command that starts the single-user server.")
        .list("args", List.of(), "Extra arguments for cmd.")
        .list("env_keep", List.of("JUPYTERHUB_SINGLEUSER_APP"), "Hub environment variables passed to servers.")
        .stringMap("environment", "Extra environment for servers; applied last.")
        .stringMap("auth_state_env", "Ganymede: server environment from the user's auth state {ENV_NAME: auth_state key}, e.g. {'ACCESS_TOKEN': 'access_token'} (JupyterHub's auth_state_hook).")
        .string("default_url", "", "Path the server opens first; {username} is expanded.")
        .string("notebook_dir", "", "Root directory of the server; {username} and ~ are expanded.")
        .bool("disable_user_config", true, "Ignore config files in the user's home (Ganymede default True, secure; JupyterHub's is False).")
        .bool("debug", false, "Run servers with debug logging.")
        .string("ip", "127.0.0.1", "Interface servers listen on.")
        .integer("port", 0, 0, PORT_MAX, "Port servers listen on; 0 picks a free port.")
        .integer("start_timeout", 60, 1, BIG, "Seconds a server may take to start.")
        .integer("http_timeout", 30, 1, BIG, "Seconds a started server may take to answer HTTP.")
        .integer("poll_interval", 30, 0, BIG, "Seconds between checks that servers still run; 0 means never.")
        .string("options_form", "", "HTML inserted in the spawn form; '' means no form.")
        .structured("profiles", TraitType.PROFILES, "Ganymede: environments users pick on the spawn page, as KubeSpawner's profile_list: dicts of display_name, slug, description, default, spawner_override (cmd, args, environment, default_url, mem_limit, cpu_limit) and profile_options {name: {display_name, choices: {slug: {display_name, default, spawner_override}}}}.")
        .byteSize("mem_limit", "Memory limit, e.g. '2G'; advisory, exported as MEM_LIMIT.")
        .optionalNumber("cpu_limit", "CPU limit in cores; advisory, exported as CPU_LIMIT.")
        .byteSize("mem_guarantee", "Guaranteed memory; advisory, exported as MEM_GUARANTEE.")
        .optionalNumber("cpu_guarantee", "Guaranteed cores; advisory, exported as CPU_GUARANTEE.")
        .list("oauth_client_allowed_scopes", List.of(), "Extra scopes tokens of a server's OAuth client may carry.")
        .list("server_token_scopes", List.of(), "Scopes of the server's API token; [] means the server role.")
        .integer("consecutive_failure_limit", 0, 0, BIG, "Stop the hub after this many spawn failures in a row; 0 means never.")
        .list("ssl_alt_names", List.of(), "Extra names in servers' internal TLS certificates.");
    c.declareClass("LocalProcessSpawner", Optional.of("Spawner"), "Run servers as local processes of the user's Unix account.")
        .list("env_keep", LOCAL_ENV_KEEP, "Hub environment variables passed to servers.")
        .integer("interrupt_timeout", 10, 0, BIG, "Seconds to wait after SIGINT before SIGTERM.")
        .integer("term_timeout", 5, 0, BIG, "Seconds to wait after SIGTERM before SIGKILL.")
        .integer("kill_timeout", 5, 0, BIG, "Seconds to wait after SIGKILL.")
        .list("shell_cmd", List.of(), "Shell wrapping cmd, e.g. ['bash', '-l', '-c'].")
        .string("username_template", "{USERNAME}", "Ganymede: Unix account each user's server runs as; {USERNAME} is the hub name (as SystemdSpawner).")
        .bool("create_system_users", false, "Ganymede: create a missing Unix account on spawn with LocalAuthenticator.add_user_cmd (as The Littlest JupyterHub).")
        .bool("create_home_directories", false, "Ganymede: create a missing home directory on first spawn, as pam_mkhomedir (owner the account, mode HOME_MODE or from UMASK of /etc/login.defs, /etc/skel copied).")
        .set("allowed_system_users", "Ganymede: system accounts (uid outside UID_MIN..UID_MAX of /etc/login.defs) allowed to run servers; root never.")
        .dict("popen_kwargs", "Python Popen arguments; not supported.")
            .refused("not supported: Ganymede starts processes itself; use cmd, shell_cmd and environment instead");
    c.declareClass("SimpleLocalProcessSpawner", Optional.of("LocalProcessSpawner"), "Testing: servers run as the hub's own user.")
        .string("home_dir_template", "/tmp/{username}", "Home directory of each user's server; {username} is expanded.");
    c.declareClass("SudoSpawner", Optional.of("LocalProcessSpawner"), "Start servers through sudo and a small helper.")
        .string("sudospawner_path", "sudospawner", "Path of JupyterHub's sudospawner mediator (for compatibility).")
            .refused("not supported: Ganymede's own spawn helper replaces sudospawner's mediator; see SudoSpawner.helper_path")
        .logLevel("mediator_log_level", "INFO", "Log level of the mediator.")
            .refused("not supported: Ganymede's own spawn helper replaces sudospawner's mediator; see SudoSpawner.helper_path")
        .bool("debug_mediator", false, "Log the mediator's debug output.")
            .refused("not supported: Ganymede's own spawn helper replaces sudospawner's mediator; see SudoSpawner.helper_path")
        .string("helper_path", "", "Path of Ganymede's sudo helper; '' means the installed one.")
        .string("users_group", "ganymede-users", "Unix group whose members may have servers (the sudoers Runas group).");
  }

  private static void proxies(TraitCatalogue c) {
    c.declareClass("Proxy", Optional.empty(), "Settings every proxy shares.")
        .bool("should_start", true, "The hub starts and stops the proxy itself.")
        .stringMap("extra_routes", "Extra routes {routespec: target} kept in the proxy.");
    c.declareClass("ConfigurableHTTPProxy", Optional.of("Proxy"), "The proxy: built in, or configurable-http-proxy.")
        .secretString("auth_token", "Token for the proxy's REST API; env CONFIGPROXY_AUTH_TOKEN.")
        .string("api_url", "http://127.0.0.1:8001", "URL of the proxy's REST API.")
        .command("command", List.of("configurable-http-proxy"), "Command that starts configurable-http-proxy.")
        .bool("debug", false, "Debug logging in the proxy.")
        .choice("log_level", "info", List.of("debug", "info", "warn", "error"), "Log level of the proxy.")
        .string("pid_file", "jupyterhub-proxy.pid", "File holding the proxy's process id.")
        .integer("check_running_interval", 5, 1, BIG, "Seconds between checks that the proxy still runs.")
            .refused("not supported yet: Ganymede does not restart a proxy that died (issue 17)")
        .alias("api_token", "auth_token");
  }

  /**
   * jupyterhub-idle-culler built in: its own config class and trait names ({@code c.IdleCuller.timeout}
   * in its idle_culler_config.py), so a site's culler settings carry over as they are written.
   */
  private static final String IN_PROCESS =
      "not supported: the built-in culler reads the hub's servers in process and calls no REST API, so it "
          + "needs no API URL, page size or TLS files";

  private static void idleCuller(TraitCatalogue c) {
    c.declareClass("IdleCuller", Optional.empty(), "Idle culling built in, with jupyterhub-idle-culler's options.")
        .bool("enabled", false, "Ganymede: run the built-in culler (jupyterhub-idle-culler runs as a service instead).")
        .integer("timeout", 600, 1, BIG, "Seconds without activity after which a server is stopped.")
        .integer("cull_every", 0, 0, BIG, "Seconds between checks for idle servers; 0 means timeout / 2.")
        .integer("max_age", 0, 0, BIG, "Seconds after its start a server is stopped even if active; 0 means no limit.")
        .bool("cull_users", false, "Also delete users whose servers are all stopped and who are idle past timeout.")
        .bool("cull_admin_users", true, "With cull_users, delete idle admin users too.")
        .bool("cull_default_servers", true, "Cull users' default servers.")
        .bool("cull_named_servers", true, "Cull users' named servers.")
        .bool("remove_named_servers", false, "Remove culled named servers instead of only stopping them.")
        .integer("concurrency", 10, 0, BIG, "Most servers stopped at once; 0 means no limit.")
        .integer("api_page_size", 0, 0, BIG, "Users per page of the external culler's GET /users.")
            .refused(IN_PROCESS)
        .string("url", "", "The hub API the external culler calls.")
            .refused(IN_PROCESS)
        .bool("ssl_enabled", false, "Whether the external culler calls the hub API over internal TLS.")
            .refused(IN_PROCESS)
        .string("internal_certs_location", "internal-ssl", "The external culler's internal TLS certificates.")
            .refused(IN_PROCESS);
  }
}
