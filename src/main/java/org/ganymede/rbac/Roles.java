package org.ganymede.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hub's roles: the four defaults ({@code user}, {@code admin}, {@code server},
 * {@code token}), overridden or extended by {@code load_roles}. Immutable and validated.
 */
public final class Roles {
  /** JupyterHub's role names: 3–255 chars, lower-case, start with a letter, end alphanumeric. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9\\-_~.]{1,253}[a-z0-9]");

  private static final List<String> ADMIN_SCOPES = List.of("admin-ui", "admin:users",
      "admin:servers", "admin:services", "tokens", "admin:groups", "list:services", "read:services",
      "read:hub", "proxy", "shutdown", "access:services", "access:servers", "read:roles",
      "read:metrics", "shares");

  private static final Roles DEFAULTS = new Roles(List.of(
      Role.of("user", "Standard user privileges", List.of("self")),
      Role.of("admin", "Elevated privileges (can do anything)", ADMIN_SCOPES),
      Role.of("server", "Post activity only", List.of("users:activity!user", "access:servers!server")),
      Role.of("token", "Token with same permissions as its owner", List.of("inherit"))));

  private final Map<String, Role> byName;

  private Roles(Collection<Role> roles) {
    Map<String, Role> map = new LinkedHashMap<>();
    roles.forEach(r -> map.put(r.name(), r));
    this.byName = map;
  }

  /** {@code user} = [self]; {@code admin}; {@code server}; {@code token} = [inherit]. */
  public static Roles defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults plus {@code loadRoles} from config, in order. A configured role with a default's
   * name replaces it (keeping its scopes when none are given), except {@code admin}, whose
   * description and scopes cannot change (as in JupyterHub).
   *
   * @throws RbacException naming the role and the bad name or scope
   */
  public static Roles load(ScopeCatalogue catalogue, List<Role> loadRoles) {
    Map<String, Role> merged = new LinkedHashMap<>(DEFAULTS.byName);
    List<String> seen = new ArrayList<>();
    for (Role role : loadRoles) {
      String where = "role '" + Filter.shorten(role.name()) + "' in JupyterHub.load_roles";
      if (!NAME.matcher(role.name()).matches()) {
        throw new RbacException("invalid name for " + where + ": role names are 3-255 characters of"
            + " lower-case letters, digits and -._~, start with a letter and end with a letter or digit");
      }
      if (seen.contains(role.name())) {
        throw new RbacException(where + " is defined twice; merge the two entries");
      }
      seen.add(role.name());
      catalogue.validate(role.scopes(), where);
      Role base = merged.get(role.name());
      Role effective = role;
      if (base != null && role.scopes().isEmpty()) {
        effective = new Role(role.name(), role.description().isEmpty() ? base.description()
            : role.description(), base.scopes(), role.users(), role.groups(), role.services());
      }
      if (role.name().equals("admin")
          && !Set.copyOf(effective.scopes()).equals(Set.copyOf(ADMIN_SCOPES))) {
        throw new RbacException("the scopes of the default role 'admin' cannot be changed in"
            + " JupyterHub.load_roles; define a new role with the scopes you want instead");
      }
      merged.put(role.name(), effective);
    }
    return new Roles(merged.values());
  }

  public Optional<Role> role(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Role> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The raw scopes of the named roles together (unknown names are skipped: a role deleted from
   * config no longer grants anything). Expand them with {@link ScopeSet#expand}.
   */
  public ScopeSet scopesOf(Collection<String> roleNames) {
    List<String> raw = new ArrayList<>();
    for (String name : roleNames) {
      Role role = byName.get(name);
      if (role != null) {
        raw.addAll(role.scopes());
      }
    }
    return ScopeSet.parse(raw);
  }
}
