package org.ganymede.spawn;

import java.util.Map;
import java.util.Objects;

/**
 * What a spawner needs to find its server again, stored by the hub as a JSON object.
 *
 * <p>Opaque to the hub. Values are JSON-friendly (strings, numbers, booleans); after a JSON round
 * trip numbers may come back as a different {@link Number} type, so readers use {@link #number}.
 */
public record SavedState(Map<String, Object> values) {
  public static final SavedState EMPTY = new SavedState(Map.of());

  public SavedState {
    values = Map.copyOf(Objects.requireNonNull(values, "values"));
  }

  /** The number stored under {@code key}, or {@code fallback} when absent or not a number. */
  public long number(String key, long fallback) {
    return values.get(key) instanceof Number n ? n.longValue() : fallback;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
