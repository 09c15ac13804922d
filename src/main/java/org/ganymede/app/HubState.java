package org.ganymede.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ganymede.config.AuthenticatorSettings;
import org.ganymede.config.HubConfig;
import org.ganymede.config.HubSettings;
import org.ganymede.config.RoleSpec;
import org.ganymede.config.Secret;
import org.ganymede.config.ServiceSpec;
import org.ganymede.http.Json;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Groups;
import org.ganymede.hub.Permissions;
import org.ganymede.hub.Services;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.Users;
import org.ganymede.rbac.CustomScope;
import org.ganymede.rbac.Role;
import org.ganymede.rbac.Roles;
import org.ganymede.rbac.ScopeCatalogue;
import org.ganymede.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who exists and what they may do, loaded from the database and brought in line with the config
 * at start: users, groups, tokens, roles, services. Config only adds and promotes; it never
 * removes (as JupyterHub).
 */
record HubState(Directory directory, Tokens tokens, Users users, Groups groups, Roles roles, Permissions permissions,
    Services services) {
  private static final Logger log = LoggerFactory.getLogger(HubState.class);

  static HubState load(Database db, HubConfig config, Clock clock) {
    HubSettings hub = config.hub();
    Directory directory = Directory.load(db);
    Tokens tokens = new Tokens(directory, clock);
    Users users = new Users(directory, tokens, clock, AccountWiring.onUserAdded(config.authenticator()));
    Groups groups = new Groups(directory);
    log.info("loaded {} users and {} groups", directory.userCount(), directory.groups().size());

    Map<String, CustomScope> custom = new LinkedHashMap<>();
    hub.customScopes().forEach((name, spec) -> custom.put(name, new CustomScope(spec.description(), spec.subscopes())));
    ScopeCatalogue catalogue = ScopeCatalogue.standard().withCustomScopes(custom);
    Roles roles = Roles.load(catalogue, hub.loadRoles().stream().map(HubState::role).toList());
    Services services = new Services(hub.services().stream().map(HubState::service).toList());
    Permissions permissions = new Permissions(directory, catalogue, roles, services.adminFlags());
    HubState state = new HubState(directory, tokens, users, groups, roles, permissions, services);

    state.addConfiguredUsers(config.authenticator(), hub);
    hub.loadGroups().forEach((name, spec) -> {
      spec.users().forEach(users::ensure);
      groups.ensure(name, spec.users(), Json.toMap(spec.properties()));
    });
    services.register(directory, tokens);
    hub.serviceTokens().forEach((token, name) ->
        tokens.importSecret("service", name, token.text(), List.of("inherit"), "from config: service_tokens"));
    return state;
  }

  /** Users named in config exist from the start; admins are promoted. */
  private void addConfiguredUsers(AuthenticatorSettings auth, HubSettings hub) {
    for (String name : auth.allowedUsers()) users.ensure(name);
    for (String name : auth.adminUsers()) users.applyLogin(name, true);
    for (RoleSpec r : hub.loadRoles()) r.users().forEach(users::ensure);
    hub.apiTokens().forEach((token, name) -> {
      users.ensure(name);
      tokens.importSecret("user", name, token.text(), List.of("inherit"), "from config: JupyterHub.api_tokens");
    });
  }

  private static Role role(RoleSpec r) {
    return new Role(r.name(), r.description(), r.scopes(), Set.copyOf(r.users()), Set.copyOf(r.groups()),
        Set.copyOf(r.services()));
  }

  private static Services.Service service(ServiceSpec s) {
    Optional<Services.Launch> launch = s.managed()
        ? Optional.of(new Services.Launch(s.command(), s.environment(), s.user(), s.cwd())) : Optional.empty();
    return new Services.Service(s.name(), s.admin(), s.url(), s.apiToken().map(Secret::text), s.oauthClientId(),
        Json.toMap(s.info()), s.display(), launch, new org.ganymede.hub.ServiceProcess());
  }
}
