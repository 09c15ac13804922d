package org.ganymede.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /hub/api/info} tells an admin: JupyterHub's fields, with Ganymede and Java
 * standing where JupyterHub names its Python.
 */
public record HubInfo(String ganymedeVersion, String authenticatorClass, String spawnerClass) {
  Map<String, Object> toMap() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", ApiRoutes.JUPYTERHUB_VERSION);
    info.put("ganymede", ganymedeVersion);
    info.put("python", "none (Ganymede " + ganymedeVersion + " on Java " + Runtime.version() + ")");
    info.put("sys_executable", ProcessHandle.current().info().command().orElse("java"));
    info.put("authenticator", Map.of("class", authenticatorClass, "version", ganymedeVersion));
    info.put("spawner", Map.of("class", spawnerClass, "version", ganymedeVersion));
    return info;
  }
}
