package org.ganymede.spawn.sudo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ganymede.spawn.LogTail;
import tools.jackson.databind.JsonNode;

/**
 * Where a server's log lives and the helper's {@code tail} action.
 *
 * <p>The log is {@code ~/.ganymede/logs/<server>.log}, owned by the user, mode 0600: the user can
 * read it, other users cannot, and it survives hub restarts. The hub is not the owner, so it reads
 * the end back through this action (as the user, via sudo) to show why a server failed.
 */
final class Logs {
  static final int MAX_LINES = 500;

  private Logs() {}

  static Path of(UserSelf self, String server) {
    return self.home().resolve(".ganymede").resolve("logs").resolve(Protocol.logName(server));
  }

  static Map<String, Object> tail(UserSelf self, JsonNode request) {
    SpawnOrder.unknownKeys(request, List.of("action", "server", "lines"));
    String server = request.path("server").asString("");
    if (!Protocol.SERVER_NAME.matcher(server).matches()) throw new HelperException("bad server name '" + server + "'");
    int lines = Math.min(MAX_LINES, Math.max(0, request.path("lines").asInt(40)));
    return Map.of("lines", LogTail.read(of(self, server), lines));
  }
}
