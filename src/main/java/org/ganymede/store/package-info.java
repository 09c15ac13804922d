/**
 * The state store: SQLite (default) or PostgreSQL, its schema migrations, and one repository per
 * aggregate (users, groups, roles, tokens, servers, services, OAuth clients and codes).
 *
 * <p>All access goes through {@link org.ganymede.store.Database#transaction}: one connection, one
 * writer at a time, commit on success and rollback on any failure, so a crash at any moment leaves
 * the database consistent. Times are stored as epoch milliseconds (UTC); JSON columns as text.
 */
package org.ganymede.store;
