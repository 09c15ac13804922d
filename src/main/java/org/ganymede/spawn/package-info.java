/**
 * The {@code Spawner} SPI: how the hub starts, watches and stops one user's Jupyter server.
 *
 * <p>Words used here:
 *
 * <ul>
 *   <li><b>hub environment</b> — the {@code JUPYTERHUB_*} variables the hub computes for a server
 *       (token, client id, URLs, prefix); the spawner adds {@code JUPYTERHUB_SERVICE_URL} itself
 *       because only it knows the port.
 *   <li><b>saved state</b> — what a spawner needs to find its server again after a hub restart; the
 *       hub stores it as JSON and never looks inside.
 *   <li><b>exit</b> — a stage that completes when the server process ends, so the hub reports a
 *       server that dies while starting at once instead of waiting for a timeout.
 * </ul>
 *
 * <p>Implementations live in sub-packages ({@code spawn.local}, {@code spawn.sudo}); the hub sees only this package.
 * Every failure crossing the SPI is a {@link org.ganymede.spawn.SpawnException}.
 */
package org.ganymede.spawn;
