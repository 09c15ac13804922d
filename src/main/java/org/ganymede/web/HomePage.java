package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.hub.Caller;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.SpawnProfiles;
import org.ganymede.hub.UserServer;
import org.ganymede.http.Responder.Reply;
import org.ganymede.store.UserRecord;

/**
 * {@code /hub/home}: the user's default server and, with {@code allow_named_servers}, a table of
 * their named servers with start, stop and delete, and a field to add one. Plain forms (no
 * script needed), each carrying the XSRF token.
 */
final class HomePage {
  private final Templates templates;
  private final Sessions sessions;
  private final ServerLifecycle servers;

  HomePage(Templates templates, Sessions sessions, ServerLifecycle servers) {
    this.templates = templates;
    this.sessions = sessions;
    this.servers = servers;
  }

  Reply show(RoutingContext ctx, Caller caller) {
    UserRecord user = caller.user().orElseThrow();
    Map<String, Object> values = new HashMap<>();
    values.put("user", user.name());
    values.put("admin_access", AdminPage.allowed(caller));
    var url = servers.views().defaultServerUrl(user);
    var pending = servers.views().defaultServerPending(user);
    values.put("server_running", url.isPresent() && pending.isEmpty());
    values.put("server_url", url.orElse(""));
    values.put("server_state", pending.map(p -> p.equals("spawn") ? "starting" : "stopping")
        .orElse(url.isPresent() ? "running" : "not running"));
    values.put("server_profile", servers.server(user.name(), "").map(this::profileOf).orElse(""));
    var named = servers.namedServers();
    values.put("named_enabled", named.allowed());
    values.put("named_limit", named.limitPerUser());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (UserServer s : servers.serversOf(user.name())) {
      if (s.name().isEmpty()) continue;
      rows.add(Map.of("name", s.name(), "url", s.prefix(), "state", stateWord(s), "ready", s.state().ready(),
          "stopped", s.state().stopped(), "profile", profileOf(s)));
    }
    values.put("named_servers", rows);
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    return Reply.html(200, templates.render("home", values));
  }

  /** The {@code Spawner.profiles} pick of the server's last start; empty without profiles. */
  private String profileOf(UserServer s) {
    try {
      return servers.profiles().select(s.userOptions()).map(SpawnProfiles.Selection::describe).orElse("");
    } catch (SpawnProfiles.BadChoice e) {
      return "a profile no longer offered"; // the config changed since the server started
    }
  }

  private static String stateWord(UserServer s) {
    return s.state().pending().map(p -> p.equals("spawn") ? "starting" : "stopping")
        .orElse(s.state().ready() ? "running" : s.failure().isPresent() ? "failed" : "stopped");
  }
}
