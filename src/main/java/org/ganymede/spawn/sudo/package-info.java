/**
 * Servers as other users while the hub is not root: {@link org.ganymede.spawn.sudo.SudoSpawner} (hub
 * side) calls {@code sudo -n -u <user> <helper>}, and {@link org.ganymede.spawn.sudo.SpawnHelper}
 * (the helper, {@code ganymede spawn-helper}) does the work as the user. Words: <em>helper</em> —
 * the root-owned launcher sudoers allows; <em>helper config</em> — its root-owned JSON file that
 * fixes what runs; <em>request/reply</em> — one JSON object each way ({@link
 * org.ganymede.spawn.sudo.Protocol}).
 */
package org.ganymede.spawn.sudo;
