package org.ganymede.rootfixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command for a root test and returns its exit status and output; bounded to 60 s. */
public final class Shell {
  public record Result(int status, String out) {}

  private Shell() {}

  public static Result run(List<String> command, String stdin) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
      }
      return new Result(process.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Result run(List<String> command) {
    return run(command, "");
  }

  public static Result run(String... command) {
    return run(List.of(command), "");
  }

  /** Runs and insists on status 0. */
  public static String ok(String... command) {
    Result r = run(command);
    if (r.status() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + r.out());
    return r.out();
  }

  public static boolean isRoot() {
    return "0".equals(run("id", "-u").out().strip());
  }
}
