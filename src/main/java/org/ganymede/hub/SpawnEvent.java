package org.ganymede.hub;

/**
 * One event of a server's start, as its progress stream shows it: {@link Step}s, then exactly one
 * {@link Ready} or {@link Failed}, after which nothing follows. The API turns these into
 * JupyterHub's progress JSON; nothing in {@code hub} knows that shape.
 */
public sealed interface SpawnEvent {

  /** Whether the start is over: a ready or failed event is the stream's last. */
  default boolean ends() {
    return !(this instanceof Step);
  }

  /**
   * A step along the way.
   *
   * @param progress percent done, 0–100
   * @param message what is happening, for people
   */
  record Step(int progress, String message) implements SpawnEvent {
    public Step {
      if (progress < 0 || progress > 100) {
        throw new IllegalArgumentException("progress must be 0–100, got " + progress);
      }
    }
  }

  /** The server answers and its route is in place. {@code url}: its prefix, e.g. {@code /user/alice/}. */
  record Ready(String url) implements SpawnEvent {}

  /** The start failed; {@code message} says why, for people ({@code "Spawn failed: …"}). */
  record Failed(String message) implements SpawnEvent {}
}
