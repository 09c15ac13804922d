package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.ganymede.spawn.SpawnException;
import org.ganymede.spawn.local.HomeDirectories;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The helper's one root action, {@code --mkhomedir}: the no-root path's pam_mkhomedir. Sudoers lets
 * the hub user run the launcher as root with exactly that flag; the launcher adds the users group.
 * The request names a user; the home is made only for an existing account with an ordinary uid
 * (UID_MIN..UID_MAX of /etc/login.defs, never root) that is a member of the users group — the
 * accounts the hub may run servers as anyway — and only when it has no home yet
 * ({@link HomeDirectories}: owner, mode, /etc/skel, no links followed).
 *
 * <pre>{"action":"mkhomedir","user":"alice"} → {"created":true,"home":"/home/alice"}</pre>
 */
final class HomeMaker {
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");

  private HomeMaker() {}

  /** Serves one request; returns the exit status (0 done, 1 refused). */
  static int run(String usersGroup, InputStream in, PrintStream out) {
    Map<String, Object> reply;
    int status;
    try {
      reply = serve(usersGroup, read(in));
      status = 0;
    } catch (HelperException | SpawnException e) {
      reply = Map.of("error", e.getMessage());
      status = 1;
    }
    out.println(Protocol.JSON.writeValueAsString(reply));
    out.flush();
    return status;
  }

  private static Map<String, Object> serve(String usersGroup, JsonNode request) {
    if (UserSelf.current().uid() != 0) {
      throw new HelperException("--mkhomedir must run as root (sudo -u root); it makes homes for other users");
    }
    if (!request.path("action").asString("").equals("mkhomedir")) {
      throw new HelperException("--mkhomedir takes {\"action\":\"mkhomedir\",\"user\":...}");
    }
    String user = request.path("user").asString("");
    if (!ACCOUNT.matcher(user).matches()) throw new HelperException("'" + user + "' is not an account name");
    String[] passwd = getent("passwd", user).split(":", -1);
    if (passwd.length < 7) throw new HelperException("no Unix account named " + user);
    int uid = Integer.parseInt(passwd[2]);
    int gid = Integer.parseInt(passwd[3]);
    int[] range = uidRange();
    if (uid == 0 || uid < range[0] || uid > range[1]) {
      throw new HelperException("refusing to make a home for " + user + ": uid " + uid + " is root or a system account"
          + " (outside UID_MIN " + range[0] + " .. UID_MAX " + range[1] + ")");
    }
    if (!memberOf(user, gid, usersGroup)) {
      throw new HelperException("refusing to make a home for " + user + ": not a member of " + usersGroup
          + "; add with usermod -aG " + usersGroup + " " + user);
    }
    java.nio.file.Path home = java.nio.file.Path.of(passwd[5]);
    boolean created = HomeDirectories.ensure(user, uid, gid, home, HomeDirectories.Layout.fromLoginDefs());
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("created", created);
    reply.put("home", home.toString());
    return reply;
  }

  private static boolean memberOf(String user, int primaryGid, String group) {
    String[] entry = getent("group", group).split(":", -1);
    if (entry.length < 4) throw new HelperException("no Unix group named " + group);
    return Integer.parseInt(entry[2]) == primaryGid || Arrays.asList(entry[3].split(",")).contains(user);
  }

  private static int[] uidRange() {
    int min = 1000;
    int max = 60000;
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/login.defs"))) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 2 || !f[1].matches("\\d{1,9}")) continue;
        if (f[0].equals("UID_MIN")) min = Integer.parseInt(f[1]);
        if (f[0].equals("UID_MAX")) max = Integer.parseInt(f[1]);
      }
    } catch (IOException e) {
      // shadow's defaults
    }
    return new int[] {min, max};
  }

  private static String getent(String database, String key) {
    try {
      Process p = new ProcessBuilder(List.of("getent", database, "--", key)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HelperException("getent " + database + " " + key + " did not answer within 10 s");
      }
      return p.exitValue() == 0 ? out.lines().findFirst().orElse("") : "";
    } catch (IOException e) {
      throw new HelperException("cannot run getent: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelperException("interrupted");
    }
  }

  private static JsonNode read(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(4096);
      JsonNode node = Protocol.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) throw new HelperException("request must be a JSON object");
      return node;
    } catch (IOException | JacksonException e) {
      throw new HelperException("cannot read the request: " + e.getMessage());
    }
  }
}
