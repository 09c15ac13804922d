/**
 * Orchestration: users, groups, roles, tokens and services, kept in memory and written through to
 * the {@link org.ganymede.store store} in one transaction per change.
 *
 * <p>Reads never touch the database: the in-memory {@link org.ganymede.hub.Directory} is the
 * working set, loaded once at start. Writes take the directory's lock, commit to the database, and
 * only then publish the new records, so memory never shows what the database does not hold.
 */
package org.ganymede.hub;
