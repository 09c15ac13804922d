package org.ganymede.auth.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Credentials;
import org.ganymede.config.LdapSettings;
import org.ganymede.config.Secret;
import org.ganymede.http.HttpException;
import org.ganymede.model.UserName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ldapauthenticator 2.0's {@code authenticate}, step by step and with its settings: check the name
 * against {@code valid_username_regex}; refuse a blank password; with {@code lookup_dn}, find the
 * user's entry as {@code lookup_dn_search_user}; bind as the user with each
 * {@code bind_dn_template} (or the found DN) until one works; check {@code search_filter}; test
 * membership of each {@code allowed_groups} entry with {@code group_search_filter}; read
 * {@code auth_state_attributes}. The hub name is the login name, or the looked-up one with
 * {@code use_lookup_dn_username}.
 *
 * <p>Differences, all on the safe side: every user- or directory-supplied string is escaped by the
 * SDK where it lands ({@link LdapTemplates}); certificates are checked; a directory that cannot be
 * reached (or answers too slowly) is a 503 with a plain message instead of a stack trace, and no
 * user is created. The groups found at a login are what {@link #groupsOf} reports to the login
 * pipeline, which applies {@code allowed_groups} like every other allow rule.
 */
public final class LdapAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);
  static final String UNAVAILABLE = "The login service cannot reach its directory server right now; try again later.";

  private final LdapSettings settings;
  private final Directory directory;
  private final Pattern validUsername;
  /** The group DNs each user was found in at their latest login (ldapauthenticator's ldap_groups). */
  private final Map<String, Set<String>> groupsAtLogin = new ConcurrentHashMap<>();
  /**
   * The groups of the login this thread authenticated last: the pipeline asks for them right after
   * {@link #authenticate}, under the name after {@code username_map}, which may differ.
   */
  private final ThreadLocal<Set<String>> groupsOfThisLogin = ThreadLocal.withInitial(Set::of);

  private LdapAuthenticator(LdapSettings settings, Directory directory, Pattern validUsername) {
    this.settings = settings;
    this.directory = directory;
    this.validUsername = validUsername;
  }

  /**
   * The authenticator for {@code settings}, its templates checked now so that a typo stops the
   * start rather than every login.
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  public static LdapAuthenticator create(LdapSettings settings) {
    Pattern regex;
    try {
      regex = Pattern.compile(settings.validUsernameRegex());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("LDAPAuthenticator.valid_username_regex is not a valid regular expression: "
          + e.getDescription());
    }
    check("bind_dn_template", () -> settings.bindDnTemplate().forEach(t -> LdapTemplates.dn(t, "x")));
    check("lookup_dn_search_filter", () -> {
      if (settings.lookupDn()) lookupFilter(settings, "x");
    });
    check("search_filter", () -> {
      if (!settings.searchFilter().isBlank()) searchFilter(settings, "x");
    });
    check("group_search_filter", () -> {
      if (!settings.allowedGroups().isEmpty()) groupFilter(settings, "cn=x", "x");
    });
    check("allowed_groups", () -> settings.allowedGroups().forEach(LdapAuthenticator::parseDn));
    check("user_search_base", () -> {
      if (!settings.userSearchBase().isBlank()) parseDn(settings.userSearchBase());
    });
    if (settings.escapeUserdn()) {
      LOG.warn("LDAPAuthenticator.escape_userdn was removed in ldapauthenticator 2.0 and has no effect: "
          + "names are always escaped");
    }
    if (settings.useSsl().isPresent()) {
      LOG.warn("LDAPAuthenticator.use_ssl is deprecated; configure tls_strategy = '{}' instead",
          settings.effectiveTlsStrategy());
    }
    Directory.Tls tls = Directory.Tls.valueOf(settings.effectiveTlsStrategy().toUpperCase(Locale.ROOT));
    Optional<File> ca = Optional.ofNullable(settings.tlsKwargs().get("ca_certs_file")).map(File::new);
    ca.filter(f -> !f.canRead()).ifPresent(f -> {
      throw new IllegalArgumentException("LDAPAuthenticator.tls_kwargs['ca_certs_file'] " + f + " cannot be read");
    });
    return new LdapAuthenticator(settings,
        new Directory(settings.serverAddress(), settings.effectivePort(), tls, ca, settings.timeout()), regex);
  }

  private static void check(String setting, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LDAPAuthenticator." + setting + ": " + e.getMessage(), e);
    }
  }

  private static DN parseDn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException("'" + dn + "' is not a valid DN: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Identity> authenticate(Credentials credentials) {
    String login = credentials.username();
    // re.match: anchored at the start only, as in ldapauthenticator.
    if (!validUsername.matcher(login).lookingAt()) {
      LOG.warn("LDAP login refused: '{}' does not match LDAPAuthenticator.valid_username_regex", UserName.shorten(login));
      return Optional.empty();
    }
    if (blank(credentials.password())) {
      LOG.warn("LDAP login of '{}' refused: blank password", UserName.shorten(login));
      return Optional.empty();
    }
    groupsOfThisLogin.set(Set.of());
    try {
      return login(login, credentials.password());
    } catch (LDAPException e) {
      LOG.warn("LDAP login of '{}' failed: directory {} unusable: {}", UserName.shorten(login), directory.describe(),
          e.getMessage());
      throw new HttpException(503, UNAVAILABLE);
    }
  }

  private Optional<Identity> login(String login, char[] password) throws LDAPException {
    String resolved = login;
    List<String> templates = settings.bindDnTemplate();
    Optional<DN> foundDn = Optional.empty();
    if (settings.lookupDn()) {
      Optional<Found> found = resolveUsername(login);
      if (found.isEmpty()) {
        LOG.warn("LDAP login of '{}' refused: lookup_dn found no unique entry", UserName.shorten(login));
        return Optional.empty();
      }
      resolved = found.get().name();
      foundDn = Optional.of(found.get().dn());
    }
    List<DN> candidates = new ArrayList<>();
    if (templates.isEmpty()) candidates.add(foundDn.orElseThrow());
    for (String t : templates) candidates.add(LdapTemplates.dn(t, resolved));
    for (DN dn : candidates) {
      try (LDAPConnection connection = directory.connect()) {
        if (!bind(connection, dn, password)) continue;
        return afterBind(connection, login, resolved, dn);
      }
    }
    LOG.warn("LDAP login of '{}'{} refused: no bind DN accepted the password", UserName.shorten(login),
        resolved.equals(login) ? "" : " (looked up as '" + UserName.shorten(resolved) + "')");
    return Optional.empty();
  }

  private static boolean blank(char[] password) {
    for (char c : password) if (!Character.isWhitespace(c)) return false;
    return true;
  }

  /**
   * Whether the directory accepted the password for {@code dn}; connection trouble is thrown. The
   * password goes to the SDK as UTF-8 bytes that are wiped afterwards, never as a String.
   */
  private static boolean bind(LDAPConnection connection, DN dn, char[] password) throws LDAPException {
    java.nio.ByteBuffer encoded = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    try {
      connection.bind(new com.unboundid.ldap.sdk.SimpleBindRequest(dn, bytes));
      return true;
    } catch (LDAPException e) {
      if (e.getResultCode().isClientSideResultCode()) throw e;
      LOG.debug("bind as {} refused: {}", dn, e.getResultCode());
      return false;
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
      if (encoded.hasArray()) java.util.Arrays.fill(encoded.array(), (byte) 0);
    }
  }

  private Optional<Identity> afterBind(LDAPConnection connection, String login, String resolved, DN dn) throws LDAPException {
    if (!settings.searchFilter().isBlank()) {
      List<String> attributes = settings.attributes();
      SearchResult r = search(connection, settings.userSearchBase(), SearchScope.SUB, searchFilter(settings, resolved),
          attributes.toArray(String[]::new));
      if (r == null || r.getEntryCount() != 1) {
        LOG.warn("LDAP login of '{}' refused: search_filter found {} entries, and exactly one is required",
            UserName.shorten(login), r == null ? 0 : r.getEntryCount());
        return Optional.empty();
      }
    }
    Set<String> groups = new java.util.LinkedHashSet<>();
    for (String group : settings.allowedGroups()) {
      SearchResult r = search(connection, group, SearchScope.BASE, groupFilter(settings, dn.toString(), resolved),
          settings.groupAttributes().toArray(String[]::new));
      if (r != null && r.getEntryCount() > 0) groups.add(group);
    }
    String name = settings.useLookupDnUsername() ? resolved : login;
    groupsAtLogin.put(name.toLowerCase(Locale.ROOT), Set.copyOf(groups));
    groupsOfThisLogin.set(Set.copyOf(groups));
    Map<String, Object> authState = new LinkedHashMap<>();
    authState.put("ldap_groups", List.copyOf(groups));
    authState.put("user_attributes", userAttributes(connection, dn));
    return Optional.of(Identity.of(name).withAuthState(authState));
  }

  /** A search; {@code null} when the server answered with an error other than a lost connection. */
  private SearchResult search(LDAPConnection connection, String base, SearchScope scope, Filter filter,
      String... attributes) throws LDAPException {
    SearchRequest request = new SearchRequest(base, scope, filter, attributes);
    request.setTimeLimitSeconds(settings.timeout());
    try {
      return connection.search(request);
    } catch (LDAPException e) {
      if (e.getResultCode().isClientSideResultCode()) throw e;
      if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
        LOG.warn("LDAP search under '{}' with {} failed: {}", base, filter, e.getMessage());
      }
      return null;
    }
  }

  private Map<String, List<String>> userAttributes(LDAPConnection connection, DN dn) throws LDAPException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (settings.authStateAttributes().isEmpty()) return out;
    SearchResult r = search(connection, dn.toString(), SearchScope.SUB, Filter.createPresenceFilter("objectClass"),
        settings.authStateAttributes().toArray(String[]::new));
    if (r == null || r.getEntryCount() != 1) {
      LOG.error("expected 1 entry for '{}' when reading auth_state_attributes, got {}; auth state has no attributes",
          dn, r == null ? 0 : r.getEntryCount());
      return out;
    }
    for (Attribute a : r.getSearchEntries().getFirst().getAttributes()) out.put(a.getName(), List.of(a.getValues()));
    return out;
  }

  private record Found(String name, DN dn) {}

  /** ldapauthenticator's {@code resolve_username}: the unique entry for the login name, as the search user. */
  private Optional<Found> resolveUsername(String login) throws LDAPException {
    String attribute = settings.lookupDnUserDnAttribute();
    try (LDAPConnection connection = searchConnection()) {
      if (connection == null) return Optional.empty();
      SearchResult r = search(connection, settings.userSearchBase(), SearchScope.SUB, lookupFilter(settings, login),
          attribute);
      if (r == null || r.getEntryCount() == 0) {
        LOG.warn("lookup_dn found no entry for '{}'", UserName.shorten(login));
        return Optional.empty();
      }
      if (r.getEntryCount() > 1) {
        LOG.error("lookup_dn found {} entries for '{}'; lookup_dn_search_filter and user_attribute must give a "
            + "unique match", r.getEntryCount(), UserName.shorten(login));
        return Optional.empty();
      }
      SearchResultEntry entry = r.getSearchEntries().getFirst();
      String[] values = entry.getAttributeValues(attribute);
      if (values == null || values.length != 1) {
        LOG.error("entry {} has {} values of lookup_dn_user_dn_attribute '{}', expected one", entry.getDN(),
            values == null ? 0 : values.length, attribute);
        return Optional.empty();
      }
      return Optional.of(new Found(values[0], entry.getParsedDN()));
    }
  }

  /** A connection bound as {@code lookup_dn_search_user} (anonymous when unset); null when that bind fails. */
  private LDAPConnection searchConnection() throws LDAPException {
    LDAPConnection connection = directory.connect();
    String user = settings.lookupDnSearchUser();
    if (user.isBlank()) return connection;
    String password = settings.lookupDnSearchPassword().map(Secret::text).orElse("");
    try {
      connection.bind(user, password);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      if (e.getResultCode().isClientSideResultCode()) throw e;
      LOG.error("cannot bind LDAPAuthenticator.lookup_dn_search_user '{}': {}", user, e.getResultCode());
      return null;
    }
  }

  /**
   * The Unix account of hub user {@code hubName} from {@code account_attribute} of their entry
   * (found by {@code user_attribute}, or {@code lookup_dn_user_dn_attribute} when that names hub
   * users), looked up as the search user; empty when {@code account_attribute} is not set.
   *
   * @throws IllegalStateException naming the user when there is no unique entry or value
   */
  public Optional<String> accountOf(String hubName) {
    String attribute = settings.accountAttribute();
    if (attribute.isBlank()) return Optional.empty();
    String key = settings.lookupDn() && settings.useLookupDnUsername() ? settings.lookupDnUserDnAttribute()
        : settings.userAttribute();
    try (LDAPConnection connection = searchConnection()) {
      if (connection == null) throw new IllegalStateException("the directory search account cannot bind");
      SearchResult r = search(connection, settings.userSearchBase(), SearchScope.SUB,
          Filter.createEqualityFilter(key, hubName), attribute);
      if (r == null || r.getEntryCount() != 1) {
        throw new IllegalStateException("the directory has " + (r == null ? 0 : r.getEntryCount()) + " entries with "
            + key + "=" + hubName + " under " + settings.userSearchBase() + "; expected one");
      }
      String[] values = r.getSearchEntries().getFirst().getAttributeValues(attribute);
      if (values == null || values.length != 1) {
        throw new IllegalStateException("the directory entry of " + hubName + " has " + (values == null ? 0
            : values.length) + " values of LDAPAuthenticator.account_attribute '" + attribute + "'; expected one");
      }
      return Optional.of(values[0]);
    } catch (LDAPException e) {
      throw new IllegalStateException("cannot look up the Unix account of " + hubName + ": directory "
          + directory.describe() + " unusable: " + e.getMessage(), e);
    }
  }

  /** ldapauthenticator's {@code ldap_groups} of the user's latest login; what allowed_groups is checked against. */
  @Override
  public Set<String> groupsOf(String userName) {
    Set<String> byName = groupsAtLogin.get(userName.toLowerCase(Locale.ROOT));
    return byName != null ? byName : groupsOfThisLogin.get();
  }

  @Override
  public String className() {
    return "ldapauthenticator.ldapauthenticator.LDAPAuthenticator"; // the class's __module__ + name, as /info shows it
  }

  static Filter lookupFilter(LdapSettings s, String login) {
    return LdapTemplates.filter(s.lookupDnSearchFilter(), Map.of("login_attr", s.userAttribute()),
        Map.of("login", login));
  }

  static Filter searchFilter(LdapSettings s, String username) {
    return LdapTemplates.filter(s.searchFilter(), Map.of("userattr", s.userAttribute()), Map.of("username", username));
  }

  static Filter groupFilter(LdapSettings s, String userDn, String uid) {
    return LdapTemplates.filter(s.groupSearchFilter(), Map.of(), Map.of("userdn", userDn, "uid", uid));
  }
}
