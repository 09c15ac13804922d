package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.api.ConsentPage;
import org.ganymede.hub.Caller;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.ScopeCatalogue;
import org.ganymede.rbac.ScopeDescription;
import org.ganymede.rbac.ScopeSet;

/**
 * {@code oauth.html}: what the server asks for, one line per scope in words, every scope as a
 * hidden {@code scopes} field (JupyterHub's page does the same: the user grants all or nothing).
 */
public final class ConsentPageRenderer implements ConsentPage {
  private final Templates templates;
  private final Sessions sessions;
  private final ScopeCatalogue catalogue;

  public ConsentPageRenderer(Templates templates, Sessions sessions, ScopeCatalogue catalogue) {
    this.templates = templates;
    this.sessions = sessions;
    this.catalogue = catalogue;
  }

  @Override
  public Reply render(RoutingContext ctx, Caller caller, String clientDescription, List<String> scopes) {
    List<Map<String, String>> lines = new ArrayList<>();
    for (String scope : scopes) {
      ScopeDescription d = catalogue.describe(ScopeSet.parse(List.of(scope)), caller.name()).get(0);
      lines.add(Map.of("scope", scope, "description", d.description().isEmpty() ? d.scope() : d.description(),
          "filter", d.filter()));
    }
    Map<String, Object> values = new HashMap<>();
    values.put("user", caller.name());
    values.put("client", clientDescription);
    values.put("scopes", lines);
    values.put("action", ctx.request().uri());
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    return Reply.html(200, templates.render("oauth", values)).withHeader("Cache-Control", "no-store");
  }
}
