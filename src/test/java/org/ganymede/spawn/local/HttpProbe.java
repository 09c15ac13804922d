package org.ganymede.spawn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;
import org.ganymede.spawn.LogTail;

/** Waits, as the hub does, until a server answers HTTP with any status. */
final class HttpProbe {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpProbe() {}

  /** The first status {@code uri} answers with; fails early if the process exits, or at the deadline. */
  static int awaitAnswer(URI uri, Duration timeout, CompletionStage<Integer> exit, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    while (true) {
      if (exit.toCompletableFuture().isDone()) {
        throw new AssertionError("server exited with " + exit.toCompletableFuture().join()
            + " before answering " + uri + "; log:\n" + String.join("\n", LogTail.read(log, 20)));
      }
      try {
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new AssertionError("no answer from " + uri + " within " + timeout + "; log:\n"
              + String.join("\n", LogTail.read(log, 20)), e);
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // retry interval, like the hub's probe
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
