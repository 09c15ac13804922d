package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.ganymede.hub.Caller;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.AccessCheck;
import org.ganymede.store.UserRecord;

/**
 * {@code /hub/admin}: the shell of the admin panel, for holders of {@code admin-ui} as in
 * JupyterHub. The page holds no user data: its script ({@code static/admin.js}) reads and changes
 * everything through the public REST API with the session cookie and the XSRF token, so the panel
 * can do exactly what the caller's scopes allow there, and nothing a client could not.
 *
 * <p>The page states which controls to offer (creating users needs {@code admin:users} unfiltered,
 * for instance) only to hide buttons the API would refuse; the API still decides. Its answer
 * carries a strict Content-Security-Policy: scripts, styles and connections from the hub only.
 */
final class AdminPage {
  /** No inline script or style, nothing from elsewhere: the admin page acts with the most power. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

  private final Templates templates;
  private final Sessions sessions;
  private final String baseUrl;

  AdminPage(Templates templates, Sessions sessions, String baseUrl) {
    this.templates = templates;
    this.sessions = sessions;
    this.baseUrl = baseUrl;
  }

  /** Whether the menu shows the Admin link: the scope JupyterHub's admin page needs. */
  static boolean allowed(Caller caller) {
    return caller.access().checkList("admin-ui").allowed();
  }

  Reply show(RoutingContext ctx, Caller caller) {
    if (!allowed(caller)) throw HttpException.forbidden("The admin page needs the admin-ui scope");
    AccessCheck access = caller.access();
    Map<String, Object> values = new HashMap<>();
    values.put("user", caller.name());
    values.put("admin_access", true);
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    values.put("api_url", baseUrl + "hub/api/");
    values.put("hub_url", baseUrl + "hub/");
    values.put("user_url", baseUrl + "user/");
    values.put("can_list_users", access.checkList("list:users").allowed());
    values.put("can_create_users", access.checkUnfiltered("admin:users").allowed());
    // Granting admin is for admins only (GHSA-9x4q-3gxw-849f): no admin box for anyone else.
    values.put("can_grant_admin", caller.user().map(UserRecord::admin).orElse(false));
    values.put("can_list_groups", access.checkList("list:groups").allowed());
    values.put("can_create_groups", access.checkUnfiltered("admin:groups").allowed());
    values.put("can_access_servers", access.checkList("access:servers").allowed());
    return Reply.html(200, templates.render("admin", values)).withHeader("Content-Security-Policy", CSP);
  }
}
