/**
 * Spawners that run each server as a local process.
 *
 * <p>{@link org.ganymede.spawn.local.LocalProcessSpawner} runs a server as the user's Unix account
 * when the hub runs as root (switching with {@code setpriv}) and as the hub's own account otherwise;
 * {@link org.ganymede.spawn.local.SimpleLocalProcessSpawner} never switches, for trying things out.
 *
 * <p>Every server starts in a new session ({@code setsid}), so its process id is also its process
 * group id, signals go to the whole group, and the server outlives the hub. The saved state is the
 * pid plus the process start time (clock ticks since boot, {@code /proc/<pid>/stat} field 22), so
 * a recycled pid is never mistaken for the server, nor signalled.
 */
package org.ganymede.spawn.local;
