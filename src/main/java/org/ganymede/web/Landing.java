package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.ganymede.hub.Caller;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.http.Responder.Reply;
import org.ganymede.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a user lands when no page was asked for: {@code /hub/}, after login, and
 * {@code /hub/user-redirect/…}; JupyterHub's {@code RootHandler}, {@code get_next_url} and
 * {@code UserRedirectHandler}.
 */
final class Landing {
  private static final Logger log = LoggerFactory.getLogger(Landing.class);
  private final String baseUrl;
  private final PageOptions options;
  private final ServerLifecycle lifecycle;
  /** Empty without named servers: JupyterHub ignores {@code default_server_name} then. */
  private final String defaultServerName;

  Landing(String baseUrl, PageOptions options, ServerLifecycle lifecycle) {
    this.baseUrl = baseUrl;
    this.options = options;
    this.lifecycle = lifecycle;
    boolean named = lifecycle.namedServers().allowed();
    if (!named && !options.defaultServerName().isEmpty()) {
      log.warn("JupyterHub.default_server_name = '{}' has no effect: JupyterHub.allow_named_servers is off",
          options.defaultServerName());
    }
    this.defaultServerName = named ? options.defaultServerName() : "";
  }

  /** GET /hub/: {@code default_url} for anyone; else a user's landing; else the login page. */
  Reply root(RoutingContext ctx, Optional<UserRecord> user) {
    if (!options.defaultUrl().isEmpty()) return Reply.redirect(options.defaultUrl());
    if (user.isPresent()) return Reply.redirect(next(ctx, user.get()));
    return Reply.redirect(baseUrl + "hub/login?next=" + WebRoutes.encode(ctx.request().uri()));
  }

  /** A safe {@code next}, else {@code default_url}, else the server or home by {@code redirect_to_server}. */
  String next(RoutingContext ctx, UserRecord user) {
    return next(ctx.request().getParam("next"), user);
  }

  /** The same for a {@code next} kept elsewhere (an OAuth login's pending state); null or "" for none. */
  String next(String next, UserRecord user) {
    Optional<String> asked = NextUrl.safe(next, baseUrl);
    if (asked.isPresent()) return asked.get();
    if (!options.defaultUrl().isEmpty()) return options.defaultUrl();
    if (!options.redirectToServer()) return baseUrl + "hub/home";
    boolean active = lifecycle.server(user.name(), "").map(s -> !s.state().stopped()).orElse(false);
    return active ? baseUrl + "user/" + user.name() + "/" : baseUrl + "hub/spawn";
  }

  /** GET /hub/user-redirect/PATH: the same path on the caller's own server, spawning it if needed. */
  Reply userRedirect(RoutingContext ctx, Caller caller) {
    String rest = ctx.pathParam("*") == null ? "" : ctx.pathParam("*");
    String query = ctx.request().query() == null ? "" : "?" + ctx.request().query();
    String server = defaultServerName.isEmpty() ? "" : defaultServerName + "/";
    String next = baseUrl + "user/" + caller.name() + "/" + server + rest + query;
    return Reply.redirect(baseUrl + "hub/spawn/" + caller.name() + (defaultServerName.isEmpty() ? "" : "/"
        + defaultServerName) + "?next=" + WebRoutes.encode(next));
  }
}
