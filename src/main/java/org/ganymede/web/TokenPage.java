package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Caller;
import org.ganymede.hub.Tokens;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;
import org.ganymede.store.TokenRecord;

/** {@code /hub/token}: request an API token (shown once), see and revoke your tokens. */
final class TokenPage {
  private final Templates templates;
  private final Sessions sessions;
  private final Tokens tokens;
  private final String baseUrl;

  TokenPage(Templates templates, Sessions sessions, Tokens tokens, String baseUrl) {
    this.templates = templates;
    this.sessions = sessions;
    this.tokens = tokens;
    this.baseUrl = baseUrl;
  }

  Reply show(RoutingContext ctx, Caller caller) {
    return render(ctx, caller, "");
  }

  Reply create(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    String note = Optional.ofNullable(ctx.request().getFormAttribute("note")).orElse("").strip();
    if (note.length() > 255) throw HttpException.badRequest("The note is longer than 255 characters");
    Optional<Duration> expires = Optional.ofNullable(ctx.request().getFormAttribute("expires_in"))
        .filter(s -> !s.isEmpty()).map(s -> {
          try {
            long seconds = Long.parseLong(s);
            if (seconds <= 0) throw new NumberFormatException();
            return Duration.ofSeconds(seconds);
          } catch (NumberFormatException e) {
            throw HttpException.badRequest("expires_in must be a positive number of seconds, got '" + s + "'");
          }
        });
    Tokens.Issued issued = tokens.issue("user", caller.name(), List.of("inherit"),
        note.isEmpty() ? "Requested via token page" : note, expires, Optional.empty(), Tokens.API_CLIENT);
    return render(ctx, caller, issued.secret());
  }

  Reply revoke(RoutingContext ctx, Caller caller) {
    sessions.requireXsrf(ctx, caller);
    String id = ctx.pathParam("id");
    TokenRecord t = id.matches("[0-9]{1,18}") ? tokens.byId(Long.parseLong(id))
        .filter(r -> r.ownerKind().equals("user") && r.ownerName().equals(caller.name())).orElse(null) : null;
    if (t == null) throw HttpException.notFound("No such token: " + id);
    tokens.revoke(t.id());
    return Reply.redirect(baseUrl + "hub/token");
  }

  private Reply render(RoutingContext ctx, Caller caller, String newToken) {
    Map<String, Object> values = new HashMap<>();
    values.put("user", caller.name());
    values.put("admin_access", AdminPage.allowed(caller));
    values.put("new_token", newToken);
    values.put("xsrf", sessions.xsrfToken(ctx, caller.user()));
    values.put("tokens", tokens.ownedBy("user", caller.name()).stream()
        .filter(t -> t.clientId().equals(Tokens.API_CLIENT) && !t.note().startsWith("Server at "))
        .map(t -> Map.of("id", t.id(), "note", t.note(), "created", Json.time(t.created()),
            "expires", t.expiresAt().map(Json::time).orElse("")))
        .toList());
    return Reply.html(200, templates.render("token", values));
  }
}
