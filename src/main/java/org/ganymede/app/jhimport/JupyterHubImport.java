package org.ganymede.app.jhimport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ganymede.security.ApiTokens;
import org.ganymede.store.Database;
import org.ganymede.store.GroupRecord;
import org.ganymede.store.GroupRows;
import org.ganymede.store.RoleRows;
import org.ganymede.store.ServerRows;
import org.ganymede.store.ServiceRows;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.TokenRows;
import org.ganymede.store.UserRecord;
import org.ganymede.store.UserRows;

/**
 * Writes a {@link JupyterHubSnapshot} into Ganymede's database in one transaction, or, for a dry
 * run, does the same and rolls it back, so the report of a dry run is exactly what the import does.
 * What Ganymede already has is kept: a user, group or service of the same name is not replaced
 * (an imported admin flag still promotes), a token already there is not added twice.
 */
public final class JupyterHubImport {
  private JupyterHubImport() {}

  /** Thrown to roll a dry run back. */
  private static final class DryRun extends RuntimeException {
    DryRun() {
      super("dry run", null, false, false);
    }
  }

  public static ImportReport run(Database db, JupyterHubSnapshot snapshot, boolean dryRun) {
    ImportReport.Builder report = new ImportReport.Builder(snapshot, dryRun);
    try {
      db.transaction(c -> {
        write(c, snapshot, report);
        if (dryRun) throw new DryRun();
        return null;
      });
    } catch (DryRun rolledBack) {
      // nothing written, as asked
    }
    return report.build();
  }

  private static void write(Connection c, JupyterHubSnapshot s, ImportReport.Builder report) throws SQLException {
    Map<String, UserRecord> users = new HashMap<>();
    for (UserRecord u : UserRows.all(c)) users.put(u.name(), u);
    Set<String> cookieIds = new HashSet<>();
    users.values().forEach(u -> cookieIds.add(u.cookieId()));
    for (JupyterHubSnapshot.User u : s.users()) {
      UserRecord existing = users.get(u.name());
      if (existing != null) {
        report.userKept(u.name());
        if (u.admin() && !existing.admin()) UserRows.update(c, existing.withAdmin(true));
        continue;
      }
      // The cookie id is carried so that login cookies signed with the same cookie_secret stay valid.
      String cookieId = u.cookieId() != null && cookieIds.add(u.cookieId()) ? u.cookieId() : ApiTokens.newToken();
      UserRecord saved = UserRows.insert(c, u.name(), u.admin(), u.created(), cookieId);
      if (u.lastActivity().isPresent()) {
        saved = saved.withLastActivity(u.lastActivity().get());
        UserRows.update(c, saved);
      }
      users.put(u.name(), saved);
      report.userAdded(u.name(), u.admin());
    }

    Map<String, GroupRecord> groups = new HashMap<>();
    for (GroupRecord g : GroupRows.all(c)) groups.put(g.name(), g);
    for (JupyterHubSnapshot.Group g : s.groups()) {
      GroupRecord existing = groups.get(g.name());
      long id;
      if (existing == null) {
        id = GroupRows.insert(c, g.name(), g.propertiesJson());
        report.groupAdded(g.name(), g.members().size());
      } else {
        id = existing.id();
        report.groupKept(g.name());
      }
      for (String member : g.members()) GroupRows.addMember(c, id, users.get(member).id());
    }

    Set<String> services = new HashSet<>();
    ServiceRows.all(c).forEach(r -> services.add(r.name()));
    for (JupyterHubSnapshot.Service svc : s.services()) {
      if (services.contains(svc.name())) {
        report.serviceKept(svc.name());
        continue;
      }
      ServiceRows.upsert(c, svc.name(), svc.admin(), null, null);
      report.serviceAdded(svc.name());
    }

    Set<String> roles = new HashSet<>();
    RoleRows.all(c).forEach(r -> roles.add(r.name()));
    for (JupyterHubSnapshot.Role r : s.roles()) {
      long id;
      if (roles.contains(r.name())) {
        id = RoleRows.all(c).stream().filter(x -> x.name().equals(r.name())).findFirst().orElseThrow().id();
        report.roleKept(r.name());
      } else {
        id = RoleRows.upsert(c, r.name(), r.description(), r.scopes());
        report.roleAdded(r.name(), r.members().size());
      }
      for (String member : r.members()) {
        int colon = member.indexOf(':');
        RoleRows.addMember(c, id, member.substring(0, colon), member.substring(colon + 1));
      }
    }

    for (JupyterHubSnapshot.Token t : s.tokens()) {
      if (TokenRows.byHash(c, t.hashed()).isPresent()) {
        report.tokenKept(t);
        continue;
      }
      TokenRows.insert(c, new TokenRecord(0, t.ownerKind(), t.ownerName(), t.prefix(), t.hashed(), t.scopes(),
          t.note(), t.created(), t.expiresAt(), t.lastActivity(), Optional.empty(), "jupyterhub"));
      report.tokenAdded(t);
    }

    Set<String> servers = new HashSet<>();
    ServerRows.all(c).forEach(r -> servers.add(r.userId() + "/" + r.name()));
    for (JupyterHubSnapshot.NamedServer srv : s.servers()) {
      long userId = users.get(srv.user()).id();
      if (!servers.add(userId + "/" + srv.name())) {
        report.serverKept(srv.user() + "/" + srv.name());
        continue;
      }
      ServerRows.save(c, userId, srv.name(), "{}", Optional.empty(), Optional.empty(), srv.lastActivity(),
          srv.userOptionsJson());
      report.serverAdded(srv.user() + "/" + srv.name());
    }
  }
}
