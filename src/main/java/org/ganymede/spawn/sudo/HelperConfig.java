package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The spawn helper's own configuration, {@code /etc/ganymede/spawn-helper.json}: what it runs and
 * which extra environment names it lets through. Only root may write it; the hub never chooses the
 * command.
 *
 * <pre>{"cmd": ["/usr/bin/jupyterhub-singleuser"], "args": [], "env_allow": ["LANG"],
 *  "path": "/usr/local/bin:/usr/bin:/bin"}</pre>
 */
record HelperConfig(List<String> cmd, List<String> args, List<String> envAllow, String path, Map<String, String> env) {
  static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  HelperConfig {
    cmd = List.copyOf(cmd);
    args = List.copyOf(args);
    envAllow = List.copyOf(envAllow);
    env = Map.copyOf(env);
  }

  /** Reads and checks {@code file}: root-owned, writable by nobody else, cmd an absolute path. */
  static HelperConfig load(Path file) {
    checkRootOwned(file);
    JsonNode root;
    try {
      root = Protocol.JSON.readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new HelperException("cannot read spawn helper config " + file + ": " + e.getMessage());
    }
    if (!root.isObject()) throw new HelperException(file + " must hold a JSON object");
    for (String key : root.propertyNames()) {
      if (!List.of("cmd", "args", "env_allow", "path", "env").contains(key)) {
        throw new HelperException(file + ": unknown key '" + key + "' (known: cmd, args, env_allow, path, env)");
      }
    }
    List<String> cmd = strings(root, "cmd", file);
    if (cmd.isEmpty() || !cmd.getFirst().startsWith("/")) {
      throw new HelperException(file + ": cmd must start with an absolute program path, got " + cmd);
    }
    Map<String, String> env = new java.util.TreeMap<>();
    root.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    return new HelperConfig(cmd, strings(root, "args", file), strings(root, "env_allow", file),
        root.path("path").asString(DEFAULT_PATH), env);
  }

  private static List<String> strings(JsonNode root, String key, Path file) {
    JsonNode node = root.path(key);
    if (node.isMissingNode()) return List.of();
    if (!node.isArray()) throw new HelperException(file + ": " + key + " must be a list of strings");
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** A file root owns that no one else can write, in a directory likewise. */
  static void checkRootOwned(Path file) {
    for (Path p : List.of(file, file.toAbsolutePath().getParent())) {
      try {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        if ((Integer) a.get("uid") != 0 || (mode & 0022) != 0) {
          throw new HelperException(p + " must be owned by root and writable only by root (uid "
              + a.get("uid") + ", mode " + Integer.toOctalString(mode & 07777) + "); fix with chown root: "
              + p + " && chmod go-w " + p);
        }
      } catch (IOException e) {
        throw new HelperException("cannot read spawn helper config " + p + ": " + e);
      }
    }
  }
}
