package org.ganymede.rbac;

/**
 * One line of the OAuth "Authorize access" and token pages: the scope name, its description and
 * who it applies to in words ("only you", "user alice", "users in group staff"; empty when
 * unfiltered).
 */
public record ScopeDescription(String scope, String description, String filter) {}
