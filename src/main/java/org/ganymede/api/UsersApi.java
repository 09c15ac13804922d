package org.ganymede.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ganymede.hub.AuthStates;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Directory;
import org.ganymede.hub.ServerActivity;
import org.ganymede.hub.ServerViews;
import org.ganymede.hub.Users;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.Resource;
import org.ganymede.store.UserRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /users}, {@code /users/{name}}, {@code /users/{name}/activity}. */
final class UsersApi {
  private final Directory dir;
  private final Users users;
  private final Models models;
  private final int defaultLimit;
  private final int maxLimit;
  private final String apiPrefix;
  private final ServerViews servers;
  private final org.ganymede.hub.ServerLifecycle lifecycle;
  private final UserMemberships memberships;
  private final ServerActivity activity;
  private final AuthStates authStates;

  UsersApi(Directory dir, Users users, Models models, org.ganymede.hub.ServerLifecycle lifecycle, int defaultLimit,
      int maxLimit, String apiPrefix, UserMemberships memberships, ServerActivity activity, AuthStates authStates) {
    this.authStates = authStates;
    this.memberships = memberships;
    this.activity = activity;
    this.servers = lifecycle.views();
    this.lifecycle = lifecycle;
    this.dir = dir;
    this.users = users;
    this.models = models;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
    this.apiPrefix = apiPrefix;
  }

  Reply list(ApiRequest req) {
    req.requireList("list:users");
    Caller caller = req.caller();
    var order = UserOrder.parse(req.query("sort").orElse("id"));
    String state = req.query("state").orElse("");
    if (!state.isEmpty() && !Set.of("active", "ready", "inactive").contains(state)) {
      throw HttpException.badRequest("Unrecognized state: " + state + "; use active, ready or inactive");
    }
    String nameFilter = req.query("name_filter").orElse("");
    var visible = caller.access().visible("list:users");
    List<UserRecord> matching = new ArrayList<>();
    for (UserRecord u : dir.users()) {
      if (!nameFilter.isEmpty() && !u.name().contains(nameFilter)) continue;
      if (!visible.test(Resource.user(u.name()))) continue;
      if (!matchesState(u, state)) continue;
      matching.add(u);
    }
    matching.sort(order);
    Pagination p = Pagination.of(req, defaultLimit, maxLimit);
    var model = models.usersJson(caller, req.query("include_stopped_servers").isPresent());
    List<byte[]> page = p.page(matching).stream().map(model).toList();
    return p.reply(page, matching.size(), req, apiPrefix + "/users");
  }

  private boolean matchesState(UserRecord u, String state) {
    return switch (state) {
      case "active" -> servers.anyActive(u);
      case "ready" -> servers.anyReady(u);
      case "inactive" -> !servers.anyActive(u);
      default -> true;
    };
  }

  Reply createMany(ApiRequest req) {
    req.requireUnfiltered("admin:users");
    ObjectNode body = req.bodyObject();
    JsonNode names = body.get("usernames");
    if (names == null || !names.isArray()) throw HttpException.badRequest("Must specify 'usernames' as a list");
    List<String> list = new ArrayList<>();
    for (JsonNode n : names) {
      if (!n.isString()) throw HttpException.badRequest("usernames must be strings, got " + n);
      list.add(n.asString());
    }
    BodyModel.USER.check(body, "usernames");
    boolean admin = bool(body, "admin", false);
    if (admin) requireAdmin(req.caller());
    var groupList = memberships.checkNew(req, "new users", body);
    List<UserRecord> created = users.create(list, admin);
    groupList.ifPresent(g -> created.forEach(u -> memberships.apply(u.name(), g)));
    created.forEach(u -> saveAuthState(u.name(), body));
    return Reply.json(201, created.stream().map(u -> models.user(u, req.caller(), false)).toList());
  }

  Reply get(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "read:users", "read:users:name", "read:servers", "read:users:groups",
        "read:users:activity", "read:roles:users");
    UserRecord u = users.require(name);
    Map<String, Object> model = models.user(u, req.caller(), req.query("include_stopped_servers").isPresent());
    // Only here is the placeholder filled, as in JupyterHub: lists keep auth_state null even for admin:auth_state.
    if (model.containsKey("auth_state")) model.put("auth_state", authStates.get(u.name()).orElse(null));
    return Reply.json(200, model);
  }

  Reply createOne(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "admin:users");
    ObjectNode body = req.bodyObject();
    BodyModel.USER.check(body);
    boolean admin = bool(body, "admin", false);
    if (admin) requireAdmin(req.caller());
    if (dir.user(name).isPresent()) throw HttpException.conflict("User " + name + " already exists");
    var groupList = memberships.checkNew(req, name, body);
    UserRecord u = users.create(List.of(name), admin).get(0);
    groupList.ifPresent(g -> memberships.apply(name, g));
    saveAuthState(name, body);
    return Reply.json(201, models.user(u, req.caller(), false));
  }

  Reply patch(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "admin:users");
    ObjectNode body = req.bodyObject();
    BodyModel.USER.check(body);
    UserRecord u = users.require(name);
    if (bool(body, "admin", false) || u.admin()) requireAdmin(req.caller()); // JupyterHub: admin:false needs no admin
    var groupList = memberships.check(req, name, body);
    if (body.has("name")) {
      if (servers.anyActive(u)) {
        throw HttpException.badRequest("Cannot rename " + name + " while their server is running; stop it first");
      }
      u = users.rename(name, body.get("name").asString());
    }
    if (body.has("admin")) u = users.setAdmin(u.name(), bool(body, "admin", u.admin()));
    String renamed = u.name();
    groupList.ifPresent(g -> memberships.apply(renamed, g));
    saveAuthState(renamed, body);
    Map<String, Object> model = new java.util.LinkedHashMap<>(models.user(u, req.caller(), false));
    // JupyterHub answers a PATCH with the auth state whatever the fields shown (admin:users holds admin:auth_state).
    model.put("auth_state", authStates.get(renamed).orElse(null));
    return Reply.json(200, model);
  }

  Reply delete(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "delete:users");
    users.require(name);
    if (req.caller().owner().isUser() && req.caller().name().equals(name)) {
      throw HttpException.badRequest("Cannot delete yourself!");
    }
    lifecycle.stopAll(name, java.time.Duration.ofSeconds(30));
    users.delete(name);
    return Reply.empty(204);
  }

  /**
   * A server's activity report, checked as JupyterHub's {@code ActivityAPIHandler} checks it and
   * with its messages: {@code {"last_activity": T, "servers": {NAME: {"last_activity": T}}}}.
   */
  Reply activity(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "users:activity");
    users.require(name);
    JsonNode body = req.body();
    if (!body.isObject()) throw HttpException.badRequest("body must be a json dict");
    JsonNode userTime = body.get("last_activity");
    JsonNode servers = body.get("servers");
    if (!truthy(userTime) && !truthy(servers)) {
      throw HttpException.badRequest("body must contain at least one of `last_activity` or `servers`");
    }
    Map<String, Instant> serverTimes = new LinkedHashMap<>();
    if (truthy(servers)) {
      String shape = "servers must be a dict of the form {server_name: {last_activity: timestamp}}";
      if (!servers.isObject()) throw HttpException.badRequest(shape);
      for (var entry : servers.properties()) {
        activity.requireServer(name, entry.getKey());
        JsonNode info = entry.getValue();
        if (!info.isObject() || !info.has("last_activity")) throw HttpException.badRequest(shape);
        serverTimes.put(entry.getKey(), timestamp(info.get("last_activity")));
      }
    }
    Optional<Instant> own = truthy(userTime) ? Optional.of(timestamp(userTime)) : Optional.empty();
    activity.report(name, own, serverTimes);
    return Reply.empty(200);
  }

  /**
   * Stores the body's {@code auth_state} (already checked to be an object, and refused by {@link
   * UserMemberships} when auth state is off). JupyterHub stores it on PATCH and drops it on POST;
   * here POST keeps it too rather than accept and lose it.
   */
  private void saveAuthState(String user, ObjectNode body) {
    if (body.has("auth_state")) authStates.save(user, Optional.of(Json.toMap(body.get("auth_state"))));
  }

  /** Python's truth of a JSON value, as JupyterHub tests the two keys. */
  private static boolean truthy(JsonNode v) {
    if (v == null || v.isNull()) return false;
    if (v.isBoolean()) return v.booleanValue();
    if (v.isNumber()) return v.doubleValue() != 0;
    if (v.isString()) return !v.asString().isEmpty();
    return !v.isEmpty();
  }

  private static Instant timestamp(JsonNode v) {
    String shown = v.isString() ? "'" + shorten(v.asString()) + "'" : shorten(v.toString());
    if (!v.isString()) throw HttpException.badRequest("Not a valid timestamp: " + shown);
    try {
      return Json.parseTime(v.asString(), "last_activity");
    } catch (HttpException e) {
      throw HttpException.badRequest("Not a valid timestamp: " + shown);
    }
  }

  /** Echoes at most 64 characters of what a client sent. */
  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "… (" + s.length() + " characters)";
  }

  static boolean bool(ObjectNode body, String key, boolean fallback) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) return fallback;
    if (!v.isBoolean()) throw HttpException.badRequest(key + " must be true or false, got " + v);
    return v.booleanValue();
  }

  /** Only admins may make or change admins (GHSA-9x4q-3gxw-849f). */
  static void requireAdmin(Caller caller) {
    boolean admin = caller.user().map(UserRecord::admin).orElse(false)
        || (!caller.owner().isUser() && caller.scopes().hasUnfiltered("admin:users")
            && caller.scopes().hasUnfiltered("admin:servers"));
    if (!admin) throw HttpException.forbidden("Only admins can grant or change admin status");
  }
}
