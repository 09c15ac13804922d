package org.ganymede.rbac;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of a user, group or service model a caller may see, from the scopes it holds for
 * that resource (JupyterHub's {@code access_map} in {@code apihandlers/base.py}). An empty result
 * means the caller may see nothing of it.
 */
public final class ModelFields {
  private static final Map<String, Set<String>> USER = new LinkedHashMap<>();
  private static final Map<String, Set<String>> GROUP = new LinkedHashMap<>();
  private static final Map<String, Set<String>> SERVICE = new LinkedHashMap<>();

  static {
    USER.put("read:users", Set.of("kind", "name", "admin", "roles", "groups", "server", "pending",
        "created", "last_activity"));
    USER.put("read:users:name", Set.of("kind", "name", "admin"));
    USER.put("read:users:groups", Set.of("kind", "name", "groups"));
    USER.put("read:users:activity", Set.of("kind", "name", "last_activity"));
    USER.put("read:servers", Set.of("kind", "name", "servers"));
    USER.put("read:roles:users", Set.of("kind", "name", "roles", "admin"));
    USER.put("admin:auth_state", Set.of("kind", "name", "auth_state"));
    GROUP.put("read:groups", Set.of("kind", "name", "users", "properties"));
    GROUP.put("read:groups:name", Set.of("kind", "name"));
    GROUP.put("read:roles:groups", Set.of("kind", "name", "roles"));
    SERVICE.put("read:services", Set.of("kind", "name", "admin", "url", "prefix", "command", "pid",
        "info", "display"));
    SERVICE.put("read:services:name", Set.of("kind", "name", "admin"));
    SERVICE.put("read:roles:services", Set.of("kind", "name", "roles", "admin"));
  }

  private ModelFields() {}

  /**
   * Fields of user {@code userName}'s model the caller may see. Within {@code servers}, each
   * server is shown only if {@code read:servers} is granted for it; its {@code state} only with
   * {@code admin:server_state} (see {@link #serverStateVisible}).
   */
  public static Set<String> user(AccessCheck access, String userName) {
    return visible(USER, access, Resource.user(userName));
  }

  public static Set<String> group(AccessCheck access, String groupName) {
    return visible(GROUP, access, Resource.group(groupName));
  }

  public static Set<String> service(AccessCheck access, String serviceName) {
    return visible(SERVICE, access, Resource.service(serviceName));
  }

  /** Whether a server model may be listed inside its owner's model. */
  public static boolean serverVisible(AccessCheck access, String user, String serverName) {
    return access.allows("read:servers", Resource.server(user, serverName));
  }

  /** Whether a server model may include the spawner's {@code state}. */
  public static boolean serverStateVisible(AccessCheck access, String user, String serverName) {
    return access.allows("admin:server_state", Resource.server(user, serverName));
  }

  private static Set<String> visible(Map<String, Set<String>> map, AccessCheck access, Resource r) {
    Set<String> fields = new TreeSet<>();
    map.forEach((scope, granted) -> {
      if (access.allows(scope, r)) {
        fields.addAll(granted);
      }
    });
    return Set.copyOf(fields);
  }
}
