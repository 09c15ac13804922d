package org.ganymede.hub;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hub's one way to wait for a call to the proxy's route table ({@code add}, {@code delete},
 * {@code list}): bounded, and failing with a message that names the call.
 */
final class ProxyCalls {
  /** How long the hub waits for the proxy to answer one call. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ProxyCalls() {}

  /**
   * The call's result once the proxy answers.
   *
   * @param what the call for people, e.g. {@code "adding the route /user/alice/"}
   * @throws Failure naming {@code what} and the proxy's error, or the timeout; when
   *     interrupted, with the thread's interrupt flag set again
   */
  static <T> T await(CompletionStage<T> call, String what) {
    try {
      return call.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new Failure(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new Failure(what + " failed: the proxy did not answer within " + TIMEOUT.toSeconds() + "s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(what + " was interrupted", e);
    }
  }

  /** A proxy call that failed, timed out or was interrupted; the message names the call. */
  static final class Failure extends IllegalStateException {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
