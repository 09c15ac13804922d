package org.ganymede.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Permissions;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.Users;
import org.ganymede.http.HttpException;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.RbacException;
import org.ganymede.rbac.Resource;
import org.ganymede.rbac.ScopeSet;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.UserRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /users/{name}/tokens[/{id}]}. */
final class TokensApi {
  private final Users users;
  private final Tokens tokens;
  private final Permissions permissions;
  private final long maxExpiresSeconds;

  TokensApi(Users users, Tokens tokens, Permissions permissions, long maxExpiresSeconds) {
    this.users = users;
    this.tokens = tokens;
    this.permissions = permissions;
    this.maxExpiresSeconds = maxExpiresSeconds;
  }

  Reply list(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "read:tokens");
    users.require(name);
    List<Map<String, Object>> api = tokens.ownedBy("user", name).stream().map(Models::token).toList();
    return Reply.json(200, Map.of("api_tokens", api));
  }

  Reply create(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "tokens");
    UserRecord owner = users.require(name);
    ObjectNode body = req.bodyObject();
    String note = optionalString(body, "note").orElse("");
    Optional<Duration> expires = expiresIn(body);
    List<String> scopes = stringList(body, "scopes").orElse(List.of("inherit"));
    if (body.has("roles") && !body.get("roles").isNull()) {
      List<String> roles = stringList(body, "roles").orElse(List.of());
      if (!roles.isEmpty() && !roles.equals(List.of("token"))) {
        throw HttpException.badRequest("Token roles are deprecated; request scopes instead, got roles " + roles);
      }
    }
    ScopeSet missing;
    try {
      missing = permissions.notHeld(owner, scopes);
    } catch (RbacException e) {
      throw HttpException.badRequest(e.getMessage());
    }
    if (!missing.isEmpty()) {
      throw HttpException.badRequest("Not assigning requested scopes " + missing.strings()
          + " not held by user " + name);
    }
    String fullNote = note.isEmpty() ? "Requested via api" : note;
    if (req.caller().owner().isUser() && !req.caller().name().equals(name)) {
      fullNote += " by user " + req.caller().name();
    }
    Tokens.Issued issued = tokens.issue("user", name, scopes, fullNote, expires, Optional.empty(), Tokens.API_CLIENT);
    Map<String, Object> model = new java.util.LinkedHashMap<>(Models.token(issued.record()));
    model.put("token", issued.secret());
    return Reply.json(201, model);
  }

  Reply get(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "read:tokens");
    return Reply.json(200, Models.token(find(name, req.path("id"))));
  }

  Reply delete(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.user(name), "tokens");
    TokenRecord t = find(name, req.path("id"));
    if (t.clientId().equals(Tokens.API_CLIENT)) {
      tokens.revoke(t.id());
    } else {
      for (TokenRecord other : tokens.ownedBy("user", name)) {
        if (other.clientId().equals(t.clientId())) tokens.revoke(other.id());
      }
    }
    return Reply.empty(204);
  }

  private TokenRecord find(String owner, String id) {
    users.require(owner);
    if (!id.matches("a[0-9]{1,18}")) throw HttpException.notFound("No such token: " + id);
    return tokens.byId(Long.parseLong(id.substring(1)))
        .filter(t -> t.ownerKind().equals("user") && t.ownerName().equals(owner))
        .orElseThrow(() -> HttpException.notFound("No such token: " + id));
  }

  private Optional<Duration> expiresIn(ObjectNode body) {
    JsonNode v = body.get("expires_in");
    if (v == null || v.isNull()) {
      return maxExpiresSeconds > 0 ? Optional.of(Duration.ofSeconds(maxExpiresSeconds)) : Optional.empty();
    }
    if (!v.isIntegralNumber() || v.asLong() <= 0) {
      throw HttpException.badRequest("expires_in must be a positive integer (seconds), got " + v);
    }
    if (maxExpiresSeconds > 0 && v.asLong() > maxExpiresSeconds) {
      throw HttpException.badRequest("expires_in " + v.asLong()
          + " is more than the maximum JupyterHub.token_expires_in_max_seconds = " + maxExpiresSeconds);
    }
    return Optional.of(Duration.ofSeconds(v.asLong()));
  }

  static Optional<String> optionalString(ObjectNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isString()) throw HttpException.badRequest(key + " must be a string, got " + v);
    return Optional.of(v.asString());
  }

  static Optional<List<String>> stringList(ObjectNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isArray()) throw HttpException.badRequest(key + " must be a list of strings, got " + v);
    List<String> out = new ArrayList<>();
    for (JsonNode n : v) {
      if (!n.isString()) throw HttpException.badRequest(key + " must be a list of strings, got " + n);
      out.add(n.asString());
    }
    return Optional.of(out);
  }
}
