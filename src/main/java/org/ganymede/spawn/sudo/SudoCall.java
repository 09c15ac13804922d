package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.SpawnException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One run of {@code sudo -n -u <user> <helper>}: request on stdin, reply on stdout, bounded in time.
 *
 * <p>{@code -n} makes sudo fail at once instead of asking for a password, which is what happens when
 * the user is not in the group the sudoers grant names; that failure is turned into the fix.
 */
final class SudoCall {
  private static final int MAX_REPLY_BYTES = 256 * 1024;

  private SudoCall() {}

  static JsonNode run(SudoSpawner.Options options, String user, Map<String, Object> request) {
    return run(options, user, List.of(), request);
  }

  /** As {@link #run(SudoSpawner.Options, String, Map)}, with the launcher's fixed {@code flags} ({@code --mkhomedir}). */
  static JsonNode run(SudoSpawner.Options options, String user, List<String> flags, Map<String, Object> request) {
    List<String> command = new java.util.ArrayList<>(options.sudo());
    command.addAll(List.of("-n", "-u", user, options.helper().toString()));
    command.addAll(flags);
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new SpawnException("cannot run " + options.sudo().getLast() + " (install sudo: apt-get install sudo): " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(Protocol.JSON.writeValueAsBytes(request));
    } catch (IOException e) {
      // sudo refused before reading; its stderr says why
    }
    try {
      if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SpawnException("the spawn helper for " + user + " did not answer within "
            + options.timeout().toSeconds() + " s (" + String.join(" ", command) + ")");
      }
      String out = new String(stdout.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
      String err = new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
      return reply(options, user, process.exitValue(), out, err);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SpawnException("interrupted while running the spawn helper for " + user, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new SpawnException("cannot read the spawn helper's reply for " + user + ": " + e, e);
    }
  }

  private static JsonNode reply(SudoSpawner.Options options, String user, int status, String out, String err) {
    if (out.isEmpty()) {
      // Nothing from the helper: sudo itself refused. "a password is required" means no NOPASSWD rule matched.
      if (err.contains("password is required") || err.contains("not allowed") || err.contains("may not run")) {
        throw new SpawnException("user " + user + " is not in group " + options.usersGroup() + "; add with usermod -aG "
            + options.usersGroup() + " " + user + " (sudo said: " + firstLine(err) + ")");
      }
      throw new SpawnException("the spawn helper for " + user + " failed with status " + status + " and no reply"
          + (err.isEmpty() ? "" : ": " + firstLine(err)) + " (run ganymede doctor)");
    }
    // The reply is the helper's last line; a JVM warning printed before it must not hide it.
    String last = out.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElse(out);
    JsonNode node;
    try {
      node = Protocol.JSON.readTree(last);
    } catch (JacksonException e) {
      throw new SpawnException("the spawn helper for " + user + " answered with something that is not JSON: "
          + firstLine(out) + " (run ganymede doctor)");
    }
    if (node.has("error")) {
      throw new SpawnException("the spawn helper refused for " + user + ": " + node.path("error").asString());
    }
    if (status != 0) throw new SpawnException("the spawn helper for " + user + " failed with status " + status);
    return node;
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return stream.readNBytes(MAX_REPLY_BYTES);
      } catch (IOException e) {
        return new byte[0];
      }
    }, Thread::startVirtualThread);
  }

  static Path defaultHelper() {
    return Path.of("/usr/local/lib/ganymede/spawn-helper");
  }

  static Duration defaultTimeout() {
    return Duration.ofSeconds(30);
  }
}
