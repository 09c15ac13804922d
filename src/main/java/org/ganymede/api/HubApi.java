package org.ganymede.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Services;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.Resource;
import org.ganymede.store.UserRecord;

/** {@code /}, {@code /info}, {@code /user}, {@code /services}. */
final class HubApi {
  /** Every user-model field, shown to the owner at {@code /api/user}. */
  private static final Set<String> ALL_USER_FIELDS = Set.of("kind", "name", "admin", "roles", "groups",
      "server", "pending", "created", "last_activity", "servers");

  private final String jupyterhubVersion;
  private final Map<String, Object> info;
  private final Services services;
  private final Models models;

  HubApi(String jupyterhubVersion, Map<String, Object> info, Services services, Models models) {
    this.jupyterhubVersion = jupyterhubVersion;
    this.info = info;
    this.services = services;
    this.models = models;
  }

  Reply version(ApiRequest req) {
    return Reply.json(200, Map.of("version", jupyterhubVersion)).withHeader("Access-Control-Allow-Origin", "*");
  }

  Reply info(ApiRequest req) {
    req.requireUnfiltered("read:hub");
    return Reply.json(200, info);
  }

  /** The caller's own model with its scopes: what single-user servers check (singleuser-protocol §4). */
  Reply self(ApiRequest req) {
    Caller caller = req.caller();
    Map<String, Object> model;
    if (caller.user().isPresent()) {
      UserRecord u = caller.user().get();
      Set<String> fields = caller.token().isEmpty() ? ALL_USER_FIELDS
          : org.ganymede.rbac.ModelFields.user(caller.access(), u.name());
      model = new LinkedHashMap<>(models.user(u, fields.isEmpty() ? Set.of("kind", "name") : fields, caller, false));
      model.putIfAbsent("kind", "user");
      model.putIfAbsent("name", u.name());
    } else {
      Services.Service s = services.get(caller.name())
          .orElseThrow(() -> HttpException.forbidden("Missing or invalid credentials."));
      model = new LinkedHashMap<>(models.service(s, caller));
      model.putIfAbsent("kind", "service");
      model.putIfAbsent("name", s.name());
    }
    model.put("scopes", caller.scopes().strings());
    model.put("session_id", caller.sessionId().orElse(null));
    model.put("token_id", caller.token().map(t -> "a" + t.id()).orElse(null));
    return Reply.json(200, model);
  }

  Reply listServices(ApiRequest req) {
    req.requireList("list:services");
    var visible = req.caller().access().visible("list:services");
    Map<String, Object> out = new LinkedHashMap<>();
    for (Services.Service s : services.all()) {
      if (visible.test(Resource.service(s.name()))) out.put(s.name(), models.service(s, req.caller()));
    }
    return Reply.json(200, out);
  }

  Reply getService(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.service(name), "read:services", "read:services:name", "read:roles:services");
    Services.Service s = services.get(name).orElseThrow(() -> HttpException.notFound("No such service: " + name));
    return Reply.json(200, models.service(s, req.caller()));
  }
}
