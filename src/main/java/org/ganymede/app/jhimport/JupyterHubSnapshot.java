package org.ganymede.app.jhimport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a JupyterHub database holds that Ganymede takes over, read in full before anything is written.
 *
 * @param schema JupyterHub's alembic version and the JupyterHub releases it belongs to
 */
public record JupyterHubSnapshot(String schema, List<User> users, List<Group> groups, List<Role> roles,
    List<Service> services, List<Token> tokens, List<NamedServer> servers, Skipped skipped) {

  public JupyterHubSnapshot {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    roles = List.copyOf(roles);
    services = List.copyOf(services);
    tokens = List.copyOf(tokens);
    servers = List.copyOf(servers);
  }

  public record User(String name, boolean admin, Instant created, Optional<Instant> lastActivity, String cookieId) {}

  /** @param propertiesJson a JSON object; {@code {}} before JupyterHub 4 had group properties */
  public record Group(String name, String propertiesJson, List<String> members) {
    public Group {
      members = List.copyOf(members);
    }
  }

  /** @param members "user:NAME", "group:NAME", "service:NAME" */
  public record Role(String name, String description, List<String> scopes, List<String> members) {
    public Role {
      scopes = List.copyOf(scopes);
      members = List.copyOf(members);
    }
  }

  public record Service(String name, boolean admin) {}

  /**
   * An API token: its owner, JupyterHub's prefix and salted hash as stored, never a secret.
   *
   * @param ownerKind "user" or "service"
   */
  public record Token(String ownerKind, String ownerName, String prefix, String hashed, List<String> scopes,
      String note, Instant created, Optional<Instant> expiresAt, Optional<Instant> lastActivity) {
    public Token {
      scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
      return "Token[" + ownerKind + " " + ownerName + ", " + prefix + "…]";
    }
  }

  public record NamedServer(String user, String name, Optional<Instant> lastActivity, String userOptionsJson) {}

  /**
   * Rows left behind, and why each kind is: OAuth tokens belong to OAuth clients Ganymede makes
   * afresh (their users log in again), expired tokens would be refused anyway, spawner state is
   * the JupyterHub spawner's own (a server running under JupyterHub is not adopted). A user name
   * Ganymede does not accept ({@link org.ganymede.model.UserName}) is left out with everything of it.
   */
  public record Skipped(int oauthTokens, int expiredTokens, int unreadableTokenHashes, int runningServers,
      List<String> invalidUserNames) {
    public Skipped {
      invalidUserNames = List.copyOf(invalidUserNames);
    }
  }
}
