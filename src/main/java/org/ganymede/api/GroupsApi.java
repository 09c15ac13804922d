package org.ganymede.api;

import java.util.List;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Groups;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;
import org.ganymede.rbac.Resource;
import org.ganymede.store.GroupRecord;
import tools.jackson.databind.node.ObjectNode;

/** {@code /groups}, {@code /groups/{name}}, members and properties. */
final class GroupsApi {
  private final Directory dir;
  private final Groups groups;
  private final Models models;
  private final int defaultLimit;
  private final int maxLimit;
  private final String apiPrefix;

  GroupsApi(Directory dir, Groups groups, Models models, int defaultLimit, int maxLimit, String apiPrefix) {
    this.dir = dir;
    this.groups = groups;
    this.models = models;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
    this.apiPrefix = apiPrefix;
  }

  Reply list(ApiRequest req) {
    req.requireList("list:groups");
    var visible = req.caller().access().visible("list:groups");
    List<GroupRecord> all = dir.groups().stream().filter(g -> visible.test(Resource.group(g.name()))).toList();
    Pagination p = Pagination.of(req, defaultLimit, maxLimit);
    List<byte[]> page = p.page(all).stream().map(g -> Json.writeBytes(models.group(g, req.caller()))).toList();
    return p.reply(page, all.size(), req, apiPrefix + "/groups");
  }

  Reply createMany(ApiRequest req) {
    req.requireUnfiltered("admin:groups");
    ObjectNode body = checked(req.bodyObject(), "", "groups");
    List<String> names = TokensApi.stringList(body, "groups")
        .orElseThrow(() -> HttpException.badRequest("Must specify 'groups' as a list of names"));
    List<String> members = TokensApi.stringList(body, "users").orElse(List.of());
    List<GroupRecord> created = groups.create(names, members);
    return Reply.json(201, created.stream().map(g -> models.group(g, req.caller())).toList());
  }

  Reply get(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "read:groups", "read:groups:name", "read:roles:groups");
    return Reply.json(200, models.group(groups.require(name), req.caller()));
  }

  Reply createOne(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "admin:groups");
    List<String> members = TokensApi.stringList(checked(req.bodyObject(), name), "users").orElse(List.of());
    GroupRecord g = groups.create(List.of(name), members).get(0);
    return Reply.json(201, models.group(g, req.caller()));
  }

  Reply delete(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "delete:groups");
    groups.delete(name);
    return Reply.empty(204);
  }

  Reply addMembers(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "groups");
    List<String> members = members(checked(req.bodyObject(), name));
    return Reply.json(200, models.group(groups.addMembers(name, members), req.caller()));
  }

  Reply removeMembers(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "groups");
    List<String> members = members(checked(req.bodyObject(), name));
    return Reply.json(200, models.group(groups.removeMembers(name, members), req.caller()));
  }

  Reply setProperties(ApiRequest req) {
    String name = req.path("name");
    req.require(Resource.group(name), "groups");
    ObjectNode body = req.bodyObject();
    return Reply.json(200, models.group(groups.setProperties(name, Json.toMap(body)), req.caller()));
  }

  /**
   * The body as a group model ({@link BodyModel#GROUP}); {@code roles} (assigned only by
   * {@code load_roles}) and a {@code name} other than the group's are refused, not ignored.
   */
  private static ObjectNode checked(ObjectNode body, String groupName, String... ignored) {
    BodyModel.GROUP.check(body, ignored);
    if (body.has("roles") && !body.get("roles").isEmpty()) {
      throw HttpException.badRequest("Cannot set roles of a group through the API: roles are assigned with "
          + "JupyterHub.load_roles");
    }
    if (body.has("name") && !body.get("name").asString().equals(groupName)) {
      throw HttpException.badRequest("group.name '" + org.ganymede.model.UserName.shorten(body.get("name").asString())
          + "' does not match the group in the URL" + (groupName.isEmpty() ? "; list new groups in 'groups'" : ""));
    }
    return body;
  }

  private static List<String> members(ObjectNode body) {
    return TokensApi.stringList(body, "users")
        .orElseThrow(() -> HttpException.badRequest("Must specify 'users' as a list of names"));
  }
}
