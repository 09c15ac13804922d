package org.ganymede.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code servers}: one per user server that exists (running or remembered).
 *
 * @param stateJson the spawner's opaque saved state
 */
public record ServerRecord(long id, long userId, String name, String stateJson, Optional<String> url,
    Optional<Instant> started, Optional<Instant> lastActivity, String userOptionsJson) {}
