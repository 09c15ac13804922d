package org.ganymede.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code LDAPAuthenticator}'s traits, with ldapauthenticator 2.0's names and meanings. Checked
 * here only when LDAP is the chosen authenticator: a file that configures LDAP for later while
 * logging in with PAM still loads. Filters and DNs are checked by the authenticator, which
 * parses them with the LDAP library at start.
 *
 * @param serverPort 0 means ldapauthenticator's dynamic default, see {@link #effectivePort()}
 * @param useSsl deprecated; True means {@code tls_strategy = 'on_connect'}
 * @param tlsKwargs only {@code ca_certs_file} is supported
 * @param bindDnTemplate blank entries are dropped, as ldapauthenticator does
 * @param accountAttribute Ganymede: the user entry's attribute naming the Unix account; '' for none
 * @param timeout Ganymede: seconds for the connection and for each answer
 */
public record LdapSettings(
    AuthenticatorKind kind,
    String serverAddress,
    int serverPort,
    Optional<Boolean> useSsl,
    String tlsStrategy,
    Map<String, String> tlsKwargs,
    List<String> bindDnTemplate,
    Set<String> allowedGroups,
    String groupSearchFilter,
    List<String> groupAttributes,
    String validUsernameRegex,
    boolean lookupDn,
    String userSearchBase,
    String userAttribute,
    String lookupDnSearchFilter,
    String lookupDnSearchUser,
    Optional<Secret> lookupDnSearchPassword,
    String lookupDnUserDnAttribute,
    boolean escapeUserdn,
    String searchFilter,
    List<String> attributes,
    List<String> authStateAttributes,
    boolean useLookupDnUsername,
    String accountAttribute,
    int timeout) {

  /** The TLS keys Ganymede understands in {@code tls_kwargs}. */
  public static final Set<String> TLS_KWARGS = Set.of("ca_certs_file");

  public LdapSettings {
    bindDnTemplate = bindDnTemplate.stream().filter(t -> !t.isBlank()).toList();
    if (kind == AuthenticatorKind.LDAP) {
      List<String> problems = problems(serverAddress, tlsKwargs, bindDnTemplate, allowedGroups, groupSearchFilter,
          groupAttributes, lookupDn, userSearchBase, userAttribute, lookupDnUserDnAttribute, accountAttribute);
      if (!problems.isEmpty()) throw new ConfigException(problems);
    }
  }

  private static List<String> problems(String serverAddress, Map<String, String> tlsKwargs, List<String> bindDnTemplate,
      Set<String> allowedGroups, String groupSearchFilter, List<String> groupAttributes, boolean lookupDn,
      String userSearchBase, String userAttribute, String lookupDnUserDnAttribute, String accountAttribute) {
    List<String> out = new ArrayList<>();
    String c = "LDAPAuthenticator.";
    if (serverAddress.isBlank()) out.add(c + "server_address must name the LDAP server");
    if (!lookupDn && bindDnTemplate.isEmpty()) {
      out.add("LDAPAuthenticator requires either lookup_dn or bind_dn_template to be configured");
    }
    for (String key : tlsKwargs.keySet()) {
      if (!TLS_KWARGS.contains(key)) {
        out.add(c + "tls_kwargs key '" + key + "' is not supported (supported: " + String.join(", ", TLS_KWARGS) + ")");
      }
    }
    if (!allowedGroups.isEmpty() && (groupSearchFilter.isBlank() || groupAttributes.isEmpty())) {
      out.add(c + "allowed_groups requires both group_search_filter and group_attributes to be configured");
    }
    if (lookupDn) {
      for (var e : Map.of("user_search_base", userSearchBase, "user_attribute", userAttribute,
          "lookup_dn_user_dn_attribute", lookupDnUserDnAttribute).entrySet()) {
        if (e.getValue().isBlank()) out.add(c + e.getKey() + " must be set when lookup_dn is True");
      }
    }
    if (!accountAttribute.isBlank() && (userSearchBase.isBlank() || userAttribute.isBlank())) {
      out.add(c + "account_attribute needs user_search_base and user_attribute (the account is looked up at spawn)");
    }
    return out;
  }

  /** {@code tls_strategy}, with the deprecated {@code use_ssl = True} meaning {@code on_connect}. */
  public String effectiveTlsStrategy() {
    return useSsl.orElse(false) ? "on_connect" : tlsStrategy;
  }

  /** {@code server_port}, or ldapauthenticator's default: 636 for {@code on_connect}, else 389. */
  public int effectivePort() {
    if (serverPort != 0) return serverPort;
    return effectiveTlsStrategy().equals("on_connect") ? 636 : 389;
  }

  static LdapSettings from(AuthenticatorKind kind, Values v) {
    return SettingsBinder.bind(LdapSettings.class, v, Optional.of(kind));
  }
}
