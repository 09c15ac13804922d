package org.ganymede.app.jhimport;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did (or, for a dry run, would do), as the lines {@code ganymede import-jupyterhub}
 * prints: a count per kind, then one line per item, {@code +} added and {@code =} kept as it was.
 */
public record ImportReport(boolean dryRun, String schema, int usersAdded, int groupsAdded, int rolesAdded,
    int servicesAdded, int tokensAdded, int serversAdded, List<String> lines) {

  public ImportReport {
    lines = List.copyOf(lines);
  }

  public String text() {
    return String.join("\n", lines) + "\n";
  }

  /** Collects the report while the import runs. */
  static final class Builder {
    private final JupyterHubSnapshot snapshot;
    private final boolean dryRun;
    private final Section users = new Section("users");
    private final Section groups = new Section("groups");
    private final Section roles = new Section("roles");
    private final Section services = new Section("services");
    private final Section tokens = new Section("tokens");
    private final Section servers = new Section("named servers");

    Builder(JupyterHubSnapshot snapshot, boolean dryRun) {
      this.snapshot = snapshot;
      this.dryRun = dryRun;
    }

    void userAdded(String name, boolean admin) {
      users.added(name + (admin ? " (admin)" : ""));
    }

    void userKept(String name) {
      users.kept(name + " (already in Ganymede: kept; an admin flag is still carried)");
    }

    void groupAdded(String name, int members) {
      groups.added(name + " (" + members + (members == 1 ? " member)" : " members)"));
    }

    void groupKept(String name) {
      groups.kept(name + " (already in Ganymede: its members are added, its properties kept)");
    }

    void roleAdded(String name, int members) {
      roles.added(name + " (" + members + (members == 1 ? " assignment)" : " assignments)"));
    }

    void roleKept(String name) {
      roles.kept(name + " (already in Ganymede: its assignments are added)");
    }

    void serviceAdded(String name) {
      services.added(name);
    }

    void serviceKept(String name) {
      services.kept(name + " (already in Ganymede)");
    }

    void tokenAdded(JupyterHubSnapshot.Token t) {
      tokens.added(describe(t));
    }

    void tokenKept(JupyterHubSnapshot.Token t) {
      tokens.kept(describe(t) + " (already imported)");
    }

    void serverAdded(String name) {
      servers.added(name);
    }

    void serverKept(String name) {
      servers.kept(name + " (already in Ganymede)");
    }

    private static String describe(JupyterHubSnapshot.Token t) {
      return t.ownerKind() + " " + t.ownerName() + ", " + t.prefix() + "…" + (t.note().isEmpty() ? "" : ", \""
          + t.note() + "\"") + ", scopes " + String.join(" ", t.scopes());
    }

    ImportReport build() {
      List<String> out = new ArrayList<>();
      out.add("JupyterHub schema " + snapshot.schema());
      for (Section s : List.of(users, groups, roles, services, tokens, servers)) s.print(out);
      JupyterHubSnapshot.Skipped skipped = snapshot.skipped();
      out.add("left out: " + skipped.oauthTokens() + " OAuth tokens (their users log in again), "
          + skipped.expiredTokens() + " expired tokens, " + skipped.unreadableTokenHashes()
          + " tokens with a hash not in JupyterHub's form");
      if (!skipped.invalidUserNames().isEmpty()) {
        out.add("warning: " + skipped.invalidUserNames().size() + " users left out, with their tokens, memberships "
            + "and servers: Ganymede's user names are lower-case letters, digits and . _ @ + - ("
            + String.join(", ", skipped.invalidUserNames()) + ")");
      }
      if (skipped.runningServers() > 0) {
        out.add("warning: " + skipped.runningServers() + " servers were running under JupyterHub; they are not "
            + "adopted (stop JupyterHub and its servers before starting Ganymede)");
      }
      if (!snapshot.roles().isEmpty()) {
        out.add("note: roles act through JupyterHub.load_roles in the config, as in JupyterHub; keep them there");
      }
      if (!snapshot.services().isEmpty()) {
        out.add("note: services and their tokens are kept only for services configured in JupyterHub.services");
      }
      out.add(dryRun ? "dry run: nothing was written" : "imported in one transaction");
      return new ImportReport(dryRun, snapshot.schema(), users.added, groups.added, roles.added, services.added,
          tokens.added, servers.added, out);
    }
  }

  /** One kind's count and items. */
  private static final class Section {
    private final String title;
    private final List<String> items = new ArrayList<>();
    private int added;
    private int kept;

    Section(String title) {
      this.title = title;
    }

    void added(String item) {
      added++;
      items.add("  + " + item);
    }

    void kept(String item) {
      kept++;
      items.add("  = " + item);
    }

    void print(List<String> out) {
      out.add(title + ": " + added + " added" + (kept > 0 ? ", " + kept + " kept" : ""));
      out.addAll(items);
    }
  }
}
