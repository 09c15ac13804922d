package org.ganymede.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Groups;
import org.ganymede.http.HttpException;
import org.ganymede.rbac.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code groups}, {@code roles} and {@code auth_state} fields of a user model sent to
 * {@code POST}/{@code PATCH /users}. {@code groups} replaces the user's memberships and needs the
 * {@code groups} scope on every group joined or left (as adding members one group at a time does);
 * roles come only from {@code load_roles}, so they are refused by name rather than dropped, and
 * so is auth state unless {@code enable_auth_state} keeps it. Everything is checked before the
 * handler changes anything.
 */
final class UserMemberships {
  private final Directory dir;
  private final Groups groups;
  private final boolean authStateKept;

  UserMemberships(Directory dir, Groups groups, boolean authStateKept) {
    this.dir = dir;
    this.groups = groups;
    this.authStateKept = authStateKept;
  }

  /**
   * Checks the fields of {@code body} this class owns, for {@code user} (who may not exist yet);
   * returns the groups to give them, if the body names any.
   *
   * @throws HttpException 400 for roles, auth state or unknown groups; 403 without {@code groups}
   */
  Optional<List<String>> check(ApiRequest req, String user, ObjectNode body) {
    return check(req, user, dir.groupsOf(user), body);
  }

  /** {@link #check} for users about to be created, named {@code label} in messages. */
  Optional<List<String>> checkNew(ApiRequest req, String label, ObjectNode body) {
    return check(req, label, Set.of(), body);
  }

  private Optional<List<String>> check(ApiRequest req, String user, Set<String> current, ObjectNode body) {
    if (body.has("auth_state") && !authStateKept) {
      throw HttpException.badRequest("Cannot save auth_state for " + user + ": auth state is not enabled "
          + "(set Authenticator.enable_auth_state = True and JUPYTERHUB_CRYPT_KEY)");
    }
    if (body.has("roles")) {
      throw HttpException.badRequest("Cannot set roles of " + user + " through the API: roles are assigned "
          + "with JupyterHub.load_roles");
    }
    if (!body.has("groups")) return Optional.empty();
    List<String> wanted = new ArrayList<>(new LinkedHashSet<>(strings(body.get("groups"))));
    List<String> unknown = wanted.stream().filter(g -> dir.group(g).isEmpty()).toList();
    if (!unknown.isEmpty()) throw HttpException.badRequest("No such groups: " + unknown);
    for (String g : wanted) {
      if (!current.contains(g)) req.require(Resource.group(g), "groups");
    }
    for (String g : current) {
      if (!wanted.contains(g)) req.require(Resource.group(g), "groups");
    }
    return Optional.of(List.copyOf(wanted));
  }

  void apply(String user, List<String> groupNames) {
    groups.setGroupsOf(user, groupNames);
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asString()));
    return out;
  }
}
