package org.ganymede.rbac;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JupyterHub 5.5's built-in scopes (3.0's forty plus {@code admin:services} and the six sharing
 * scopes), with their direct subscopes, in the order of JupyterHub's scope table.
 */
final class StandardScopes {
  /** The scopes {@code self} stands for, each filtered to the owning user. */
  static final List<String> SELF = List.of(
      "read:users", "read:users:name", "read:users:groups", "users:activity", "read:users:activity",
      "servers", "delete:servers", "read:servers", "tokens", "read:tokens", "access:servers",
      "users:shares", "read:users:shares", "read:shares");

  private StandardScopes() {}

  static Map<String, ScopeDefinition> definitions() {
    Map<String, ScopeDefinition> m = new LinkedHashMap<>();
    add(m, "(no_scope)", "Identify the owner of the requesting entity.");
    add(m, "self", "Your own resources.");
    add(m, "inherit", "Anything you have access to.");
    add(m, "admin-ui", "Access the admin page.");
    add(m, "admin:users", "Read, write, create and delete users and their authentication state, not"
        + " including their servers or tokens.",
        "admin:auth_state", "users", "read:roles:users", "delete:users");
    add(m, "admin:auth_state", "Read a user’s authentication state.");
    add(m, "users", "Read and write permissions to user models (excluding servers, tokens and"
        + " authentication state).", "read:users", "list:users", "users:activity");
    add(m, "delete:users", "Delete users.");
    add(m, "list:users", "List users, including at least their names.", "read:users:name");
    add(m, "read:users", "Read user models (excluding servers, tokens and authentication state).",
        "read:users:name", "read:users:groups", "read:users:activity");
    add(m, "read:users:name", "Read names of users.");
    add(m, "read:users:groups", "Read users’ group membership.");
    add(m, "read:users:activity", "Read time of last user activity.");
    add(m, "read:roles", "Read role assignments.",
        "read:roles:users", "read:roles:services", "read:roles:groups");
    add(m, "read:roles:users", "Read user role assignments.");
    add(m, "read:roles:services", "Read service role assignments.");
    add(m, "read:roles:groups", "Read group role assignments.");
    add(m, "users:activity", "Update time of last user activity.", "read:users:activity");
    add(m, "admin:servers", "Read, start, stop, create and delete user servers and their state.",
        "admin:server_state", "servers");
    add(m, "admin:server_state", "Read and write users’ server state.");
    add(m, "servers", "Start and stop user servers.", "read:servers", "delete:servers");
    add(m, "read:servers", "Read users’ names and their server models (excluding the server state).",
        "read:users:name");
    add(m, "delete:servers", "Stop and delete users' servers.");
    add(m, "tokens", "Read, write, create and delete user tokens.", "read:tokens");
    add(m, "read:tokens", "Read user tokens.");
    add(m, "admin:groups", "Read and write group information, create and delete groups.",
        "groups", "read:roles:groups", "delete:groups");
    add(m, "groups", "Read and write group information, including adding/removing users to/from"
        + " groups.", "read:groups", "list:groups");
    add(m, "list:groups", "List groups, including at least their names.", "read:groups:name");
    add(m, "read:groups", "Read group models.", "read:groups:name");
    add(m, "read:groups:name", "Read group names.");
    add(m, "delete:groups", "Delete groups.");
    add(m, "admin:services", "Create, read, update, delete services, not including services defined"
        + " from config files.", "list:services", "read:services", "read:roles:services");
    add(m, "list:services", "List services, including at least their names.", "read:services:name");
    add(m, "read:services", "Read service models.", "read:services:name");
    add(m, "read:services:name", "Read service names.");
    add(m, "read:hub", "Read detailed information about the Hub.");
    add(m, "access:servers", "Access user servers via API or browser.");
    add(m, "access:services", "Access services via API or browser.");
    add(m, "users:shares", "Read and revoke a user's access to shared servers.", "read:users:shares");
    add(m, "read:users:shares", "Read servers shared with a user.");
    add(m, "groups:shares", "Read and revoke a group's access to shared servers.",
        "read:groups:shares");
    add(m, "read:groups:shares", "Read servers shared with a group.");
    add(m, "read:shares", "Read information about shared access to servers.");
    add(m, "shares", "Manage access to shared servers.",
        "access:servers", "read:shares", "users:shares", "groups:shares");
    add(m, "proxy", "Read information about the proxy’s routing table, sync the Hub with the proxy"
        + " and notify the Hub about a new proxy.");
    add(m, "shutdown", "Shutdown the hub.");
    add(m, "read:metrics", "Read prometheus metrics.");
    return m;
  }

  private static void add(Map<String, ScopeDefinition> m, String name, String description,
      String... subscopes) {
    m.put(name, ScopeDefinition.of(name, description, subscopes));
  }
}
