/**
 * JupyterHub 5.x role-based access control as pure functions: the scope catalogue, filters, expansion,
 * intersection, default roles, access checks and model field visibility.
 *
 * <p>Words, as in JupyterHub's {@code scopes.py}:
 *
 * <ul>
 *   <li><b>raw scopes</b>: what a role or token lists; may contain metascopes ({@code self},
 *       {@code inherit}) and bare filters ({@code !user}, {@code !server}, {@code !service}) that
 *       name the owner;
 *   <li><b>expanded scopes</b>: subscopes added recursively, metascopes and bare filters resolved for
 *       an {@link org.ganymede.rbac.Owner}, then reduced (a filtered scope is dropped when the same
 *       scope is held unfiltered);
 *   <li><b>filter</b>: {@code !user=name}, {@code !server=user/servername}, {@code !group=name},
 *       {@code !service=name}; a scope with filters grants only the resources they cover. A user
 *       filter covers the user's servers; a group filter covers its members and their servers.
 * </ul>
 *
 * <p>Nothing here does I/O: group membership comes in as a {@link org.ganymede.rbac.GroupMembership}
 * function and errors are {@link org.ganymede.rbac.RbacException}s whose messages name the bad input.
 */
package org.ganymede.rbac;
