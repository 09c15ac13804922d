package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.ganymede.hub.Caller;
import org.ganymede.hub.ServerViews;
import org.ganymede.http.Responder.Reply;
import org.ganymede.store.UserRecord;

/** {@code /hub/home}: the user's server and what they can do with it. */
final class HomePage {
  private final Templates templates;
  private final Sessions sessions;
  private final ServerViews servers;
  private final boolean spawnerEnabled;

  HomePage(Templates templates, Sessions sessions, ServerViews servers, boolean spawnerEnabled) {
    this.templates = templates;
    this.sessions = sessions;
    this.servers = servers;
    this.spawnerEnabled = spawnerEnabled;
  }

  Reply show(RoutingContext ctx, Caller caller) {
    UserRecord user = caller.user().orElseThrow();
    Map<String, Object> values = new HashMap<>();
    values.put("user", user.name());
    var url = servers.defaultServerUrl(user);
    var pending = servers.defaultServerPending(user);
    values.put("server_running", url.isPresent() && pending.isEmpty());
    values.put("server_url", url.orElse(""));
    values.put("server_state", pending.map(p -> p.equals("spawn") ? "starting" : "stopping")
        .orElse(url.isPresent() ? "running" : "not running"));
    values.put("spawner_enabled", spawnerEnabled);
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    return Reply.html(200, templates.render("home", values));
  }
}
