package org.ganymede.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Permissions;
import org.ganymede.hub.ServerViews;
import org.ganymede.hub.Services;
import org.ganymede.http.Json;
import org.ganymede.rbac.ModelFields;
import org.ganymede.store.GroupRecord;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;

/** The JSON models of JupyterHub's API, with fields limited to what the caller may see. */
final class Models {
  private final Directory dir;
  private final Permissions permissions;
  private final ServerViews servers;
  private final FullUrls fullUrls;
  /** Full user models as JSON, by user name; see {@link #fullModel}. */
  private final java.util.concurrent.ConcurrentHashMap<String, CachedModel> fullModels =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record CachedModel(UserRecord user, long version, byte[] json) {}

  Models(Directory dir, Permissions permissions, ServerViews servers, FullUrls fullUrls) {
    this.fullUrls = fullUrls;
    this.dir = dir;
    this.permissions = permissions;
    this.servers = servers;
  }

  /** Every field of the user model but auth_state: what admins see of everyone. */
  private static final Set<String> ALL_FIELDS = Set.of("kind", "name", "admin", "roles", "groups", "server",
      "pending", "created", "last_activity", "servers");

  /**
   * User models for one caller, as JSON. When the caller's unfiltered scopes already show every
   * field (admins, services with read:users and read:servers), the per-user scope checks are
   * skipped: listing thousands of users then costs one check, not seven per user.
   */
  java.util.function.Function<UserRecord, byte[]> usersJson(Caller caller, boolean includeStopped) {
    Set<String> everyone = ModelFields.user(caller.access(), "");
    if (everyone.containsAll(ALL_FIELDS)) return u -> fullModel(u, everyone, caller, includeStopped);
    return u -> Json.writeBytes(user(u, caller, includeStopped));
  }

  /**
   * The full model of a user without servers as JSON, kept until the directory changes (any
   * user, group or role change bumps its version) or the record is replaced (last activity): an
   * admin page polling 10,000 users then re-sends stored JSON instead of rebuilding it. Users with
   * servers are built fresh, since server state does not go through the directory.
   */
  private byte[] fullModel(UserRecord u, Set<String> everyone, Caller caller, boolean includeStopped) {
    if (servers.hasServers(u)) return Json.writeBytes(user(u, everyone, caller, includeStopped));
    long version = dir.version();
    CachedModel cached = fullModels.get(u.name());
    if (cached != null && cached.user() == u && cached.version() == version) return cached.json();
    byte[] json = Json.writeBytes(user(u, everyone, caller, includeStopped));
    if (fullModels.size() > dir.userCount() + 1024) fullModels.clear();   // deleted and renamed users
    fullModels.put(u.name(), new CachedModel(u, version, json));
    return json;
  }

  /** The user model as {@code caller} may see it; empty map when it may see nothing. */
  Map<String, Object> user(UserRecord u, Caller caller, boolean includeStopped) {
    Set<String> fields = ModelFields.user(caller.access(), u.name());
    return user(u, fields, caller, includeStopped);
  }

  /** The full user model (every field), for the owner's own {@code /api/user}. */
  Map<String, Object> user(UserRecord u, Set<String> fields, Caller caller, boolean includeStopped) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (fields.isEmpty()) return m;
    m.put("kind", "user");
    m.put("name", u.name());
    if (fields.contains("admin")) m.put("admin", u.admin());
    if (fields.contains("roles")) m.put("roles", permissions.roleNames(u));
    if (fields.contains("groups")) m.put("groups", List.copyOf(dir.groupsOf(u.name())));
    if (fields.contains("server")) m.put("server", servers.defaultServerUrl(u).orElse(null));
    if (fields.contains("pending")) m.put("pending", servers.defaultServerPending(u).orElse(null));
    if (fields.contains("created")) m.put("created", Json.time(u.created()));
    if (fields.contains("last_activity")) m.put("last_activity", Json.time(lastActivity(u)));
    if (fields.contains("servers")) {
      m.put("servers", fullUrls.fill(servers.models(u, includeStopped,
          name -> ModelFields.serverVisible(caller.access(), u.name(), name),
          name -> ModelFields.serverStateVisible(caller.access(), u.name(), name))));
    }
    if (fields.contains("auth_state")) m.put("auth_state", null);
    return m;
  }

  /**
   * The newest of the user's own time and its servers': a server's time moves at once (start,
   * report, proxy pull), the stored user row may follow a moment later.
   */
  private java.util.Optional<java.time.Instant> lastActivity(UserRecord u) {
    var servers = this.servers.newestActivity(u);
    if (servers.isEmpty()) return u.lastActivity();
    if (u.lastActivity().isEmpty()) return servers;
    return servers.get().isAfter(u.lastActivity().get()) ? servers : u.lastActivity();
  }

  Map<String, Object> group(GroupRecord g, Caller caller) {
    Set<String> fields = ModelFields.group(caller.access(), g.name());
    Map<String, Object> m = new LinkedHashMap<>();
    if (fields.isEmpty()) return m;
    m.put("kind", "group");
    m.put("name", g.name());
    if (fields.contains("users")) m.put("users", g.members());
    if (fields.contains("properties")) m.put("properties", Json.MAPPER.readTree(g.propertiesJson()));
    if (fields.contains("roles")) {
      m.put("roles", dir.roles().stream().filter(r -> r.members().contains("group:" + g.name()))
          .map(org.ganymede.store.RoleRecord::name).sorted().toList());
    }
    return m;
  }

  Map<String, Object> service(Services.Service s, Caller caller) {
    Set<String> fields = ModelFields.service(caller.access(), s.name());
    Map<String, Object> m = new LinkedHashMap<>();
    if (fields.isEmpty()) return m;
    m.put("kind", "service");
    m.put("name", s.name());
    if (fields.contains("admin")) m.put("admin", s.admin());
    if (fields.contains("roles")) m.put("roles", permissions.roleNamesOfService(s.name()));
    if (fields.contains("url")) m.put("url", s.url().orElse(""));
    if (fields.contains("prefix")) m.put("prefix", s.url().isPresent() ? "/services/" + s.name() + "/" : "");
    if (fields.contains("command")) m.put("command", s.command());
    if (fields.contains("pid")) m.put("pid", s.process().pid());
    // Ganymede's addition, only for a managed service that exited or failed to start: why, since pid 0
    // alone does not tell an operator a crash loop from a start in progress.
    if (fields.contains("pid")) s.process().lastFailure().ifPresent(why -> m.put("last_failure", why));
    if (fields.contains("info")) m.put("info", s.info());
    if (fields.contains("display")) m.put("display", s.display());
    return m;
  }

  static Map<String, Object> token(TokenRecord t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(t.ownerKind(), t.ownerName());
    m.put("id", "a" + t.id());
    m.put("kind", "api_token");
    m.put("roles", List.of());
    m.put("scopes", t.scopes());
    m.put("created", Json.time(t.created()));
    m.put("last_activity", Json.time(t.lastActivity()));
    m.put("expires_at", Json.time(t.expiresAt()));
    m.put("note", t.note());
    m.put("session_id", t.sessionId().orElse(null));
    m.put("oauth_client", t.clientId().equals("jupyterhub") ? null : t.clientId());
    return m;
  }
}
