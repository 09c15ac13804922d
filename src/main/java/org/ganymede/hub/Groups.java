package org.ganymede.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.model.UserName;
import org.ganymede.store.GroupRecord;
import org.ganymede.store.GroupRows;
import org.ganymede.store.RoleRows;
import org.ganymede.store.UserRecord;

/** Creating and deleting groups, changing members and properties; each change is one transaction. */
public final class Groups {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+ -]{0,254}");
  private final Directory dir;

  public Groups(Directory dir) {
    this.dir = dir;
  }

  public GroupRecord require(String name) {
    return dir.group(name).orElseThrow(() -> HttpException.notFound("No such group: " + UserName.shorten(name)));
  }

  /** Creates groups, each with the given members; 409 if any exists, 400 for unknown users. */
  public List<GroupRecord> create(List<String> names, List<String> members) {
    if (names.isEmpty()) throw HttpException.badRequest("Must specify at least one group to create");
    for (String n : names) {
      if (!NAME.matcher(n).matches()) {
        throw HttpException.badRequest("Invalid group name '" + UserName.shorten(n)
            + "': use letters, digits, space and . _ @ + -, starting with a letter or digit");
      }
    }
    return dir.write(() -> {
      for (String n : names) {
        if (dir.group(n).isPresent()) throw HttpException.conflict("Group " + n + " already exists");
      }
      List<UserRecord> users = resolve(members);
      dir.db().transaction(c -> {
        for (String n : new LinkedHashSet<>(names)) {
          long id = GroupRows.insert(c, n, "{}");
          for (UserRecord u : users) GroupRows.addMember(c, id, u.id());
        }
        return null;
      });
      dir.reload();
      return names.stream().map(n -> dir.group(n).orElseThrow()).toList();
    });
  }

  /** Adds groups that do not exist yet and the given members; never removes (config {@code load_groups}). */
  public void ensure(String name, List<String> members, Map<String, Object> properties) {
    dir.write(() -> {
      dir.db().transaction(c -> {
        long id = dir.group(name).map(GroupRecord::id)
            .orElseGet(() -> insert(c, name, Json.write(properties)));
        if (!properties.isEmpty()) GroupRows.setProperties(c, id, Json.write(properties));
        for (String m : members) {
          UserRecord u = dir.user(m).orElseThrow(() -> new IllegalArgumentException(
              "JupyterHub.load_groups: group " + name + " names user " + m + ", who does not exist"));
          GroupRows.addMember(c, id, u.id());
        }
        return null;
      });
      dir.reload();
      return null;
    });
  }

  private static long insert(java.sql.Connection c, String name, String props) {
    try {
      return GroupRows.insert(c, name, props);
    } catch (java.sql.SQLException e) {
      throw new org.ganymede.store.StoreException("cannot create group " + name + ": " + e.getMessage(), e);
    }
  }

  public void delete(String name) {
    dir.write(() -> {
      GroupRecord g = require(name);
      dir.db().transaction(c -> {
        RoleRows.removeMember(c, "group", name);
        GroupRows.delete(c, g.id());
        return null;
      });
      dir.reload();
      return null;
    });
  }

  public GroupRecord addMembers(String name, List<String> members) {
    return changeMembers(name, members, true);
  }

  public GroupRecord removeMembers(String name, List<String> members) {
    return changeMembers(name, members, false);
  }

  private GroupRecord changeMembers(String name, List<String> members, boolean add) {
    return dir.write(() -> {
      GroupRecord g = require(name);
      List<UserRecord> users = resolve(members);
      dir.db().transaction(c -> {
        for (UserRecord u : users) {
          if (add) GroupRows.addMember(c, g.id(), u.id());
          else GroupRows.removeMember(c, g.id(), u.id());
        }
        return null;
      });
      dir.reload();
      return require(name);
    });
  }

  /**
   * Makes {@code groupNames} exactly the groups of {@code user}, in one transaction (the
   * {@code groups} field of a user model); 400 naming the groups that do not exist, changing nothing.
   */
  public void setGroupsOf(String user, Collection<String> groupNames) {
    dir.write(() -> {
      UserRecord u = dir.user(user).orElseThrow(() -> HttpException.notFound("No such user: " + UserName.shorten(user)));
      List<String> unknown = groupNames.stream().filter(n -> dir.group(n).isEmpty()).map(UserName::shorten).toList();
      if (!unknown.isEmpty()) throw HttpException.badRequest("No such groups: " + unknown);
      Set<String> wanted = Set.copyOf(groupNames);
      dir.db().transaction(c -> {
        for (GroupRecord g : dir.groups()) {
          boolean member = g.members().contains(user);
          if (member && !wanted.contains(g.name())) GroupRows.removeMember(c, g.id(), u.id());
          if (!member && wanted.contains(g.name())) GroupRows.addMember(c, g.id(), u.id());
        }
        return null;
      });
      dir.reload();
      return null;
    });
  }

  public GroupRecord setProperties(String name, Map<String, Object> properties) {
    return dir.write(() -> {
      GroupRecord g = require(name);
      dir.db().transaction(c -> {
        GroupRows.setProperties(c, g.id(), Json.write(properties));
        return null;
      });
      dir.reload();
      return require(name);
    });
  }

  private List<UserRecord> resolve(List<String> names) {
    List<UserRecord> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      dir.user(n).ifPresentOrElse(out::add, () -> unknown.add(UserName.shorten(n)));
    }
    if (!unknown.isEmpty()) throw HttpException.badRequest("No such users: " + unknown);
    return out;
  }
}
