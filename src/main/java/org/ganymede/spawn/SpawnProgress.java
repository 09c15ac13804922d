package org.ganymede.spawn;

/**
 * One step of a spawn, shown on the spawn-pending page and in the progress event stream.
 *
 * @param progress percent done, 0–100
 * @param message what is happening, for people
 */
public record SpawnProgress(int progress, String message) {
  public SpawnProgress {
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be 0–100, got " + progress);
    }
  }
}
