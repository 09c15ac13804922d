package org.ganymede.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  /** How long a new token waits for the page that shows it (the redirect's GET follows at once). */
  private static final Duration SHOWN_FOR = Duration.ofMinutes(5);
  private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** A token just issued, kept by session id until the redirected page shows it once. */
  private record NewToken(String secret, Instant issued) {}

  private final Map<String, NewToken> shownOnce = new ConcurrentHashMap<>();

  TokenPage(Templates templates, Sessions sessions, Tokens tokens, String baseUrl) {
    this.templates = templates;
    this.sessions = sessions;
    this.tokens = tokens;
    this.baseUrl = baseUrl;
  }

  Reply show(RoutingContext ctx, Caller caller) {
    String newToken = sessions.sessionId(ctx).map(shownOnce::remove)
        .filter(t -> t.issued().isAfter(Instant.now().minus(SHOWN_FOR))).map(NewToken::secret).orElse("");
    return render(ctx, caller, newToken);
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
    // Post/redirect/get: a reload of the page that follows must not ask for a second token.
    shownOnce.values().removeIf(t -> t.issued().isBefore(Instant.now().minus(SHOWN_FOR)));
    shownOnce.put(sessions.ensureSession(ctx), new NewToken(issued.secret(), Instant.now()));
    return new Reply(303, "", io.vertx.core.buffer.Buffer.buffer(), Map.of("Location", baseUrl + "hub/token"));
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
        .map(t -> Map.of("id", t.id(), "note", t.note(), "created", SHOWN_TIME.format(t.created()),
            "created_iso", Json.time(t.created()), "expires", t.expiresAt().map(SHOWN_TIME::format).orElse(""),
            "last_used", t.lastActivity().map(SHOWN_TIME::format).orElse("never")))
        .toList());
    return Reply.html(200, templates.render("token", values));
  }
}
