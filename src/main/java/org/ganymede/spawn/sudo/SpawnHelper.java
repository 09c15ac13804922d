package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The spawn helper: runs as the user (through {@code sudo -u <user>}), reads one request from stdin,
 * answers on stdout, exits. It starts the command of its own root-owned config, never one from the
 * hub; it lets through only allow-listed environment variables; it signals only the user's own
 * servers, named by pid and start time.
 *
 * <p>{@code ganymede spawn-helper} calls {@link #run}; the installed launcher fixes the config path.
 */
public final class SpawnHelper {
  private final Path configFile;
  private final UserSelf self;

  private SpawnHelper(Path configFile, UserSelf self) {
    this.configFile = configFile;
    this.self = self;
  }

  /** Serves one request from {@code in} to {@code out}; returns the exit status (0 ok, 1 refused). */
  public static int run(Path configFile, InputStream in, PrintStream out) {
    Map<String, Object> reply;
    int status;
    try {
      SpawnHelper helper = new SpawnHelper(configFile, UserSelf.current());
      reply = helper.serve(readRequest(in));
      status = 0;
    } catch (HelperException e) {
      reply = Map.of("error", e.getMessage());
      status = 1;
    } catch (RuntimeException e) {
      reply = Map.of("error", "spawn helper failed: " + e);
      status = 1;
    }
    out.println(Protocol.JSON.writeValueAsString(reply));
    out.flush();
    return status;
  }

  /**
   * {@code --mkhomedir}, run as root: makes the home of one member of {@code usersGroup} that has
   * none (see {@link HomeMaker}); the one action of the helper that is not run as the user.
   */
  public static int makeHome(String usersGroup, InputStream in, PrintStream out) {
    return HomeMaker.run(usersGroup, in, out);
  }

  /** {@code --check}: loads the config as this user and says who would run what; for {@code doctor}. */
  public static int check(Path configFile, PrintStream out) {
    try {
      UserSelf self = UserSelf.current();
      HelperConfig config = HelperConfig.load(configFile);
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("ok", true);
      reply.put("user", self.name());
      reply.put("uid", self.uid());
      reply.put("cmd", config.cmd());
      out.println(Protocol.JSON.writeValueAsString(reply));
      return 0;
    } catch (HelperException e) {
      out.println(Protocol.JSON.writeValueAsString(Map.of("error", e.getMessage())));
      return 1;
    }
  }

  private static JsonNode readRequest(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(Protocol.MAX_REQUEST_BYTES + 1);
    } catch (IOException e) {
      throw new HelperException("cannot read the request from stdin: " + e.getMessage());
    }
    if (bytes.length > Protocol.MAX_REQUEST_BYTES) {
      throw new HelperException("request is larger than " + Protocol.MAX_REQUEST_BYTES + " bytes");
    }
    try {
      JsonNode node = Protocol.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) throw new HelperException("request must be a JSON object");
      return node;
    } catch (JacksonException e) {
      throw new HelperException("request is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private Map<String, Object> serve(JsonNode request) {
    if (self.uid() == 0) {
      throw new HelperException("the spawn helper refuses to run servers as root; run it with sudo -u <user>");
    }
    String action = request.path("action").asString("");
    return switch (action) {
      case "spawn" -> new ServerStart(HelperConfig.load(configFile), self).start(SpawnOrder.parse(request));
      case "signal" -> Signals.send(self, SignalOrder.parse(request));
      case "tail" -> Logs.tail(self, request);
      default -> throw new HelperException("unknown action '" + action + "' (known: spawn, signal, tail)");
    };
  }
}
