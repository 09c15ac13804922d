/**
 * LDAP and Active Directory login with ldapauthenticator 2.0's settings, over the UnboundID LDAP
 * SDK: {@link org.ganymede.auth.ldap.LdapAuthenticator}. Every string that comes from the login
 * form or from the directory reaches a filter or a DN only through {@link
 * org.ganymede.auth.ldap.LdapTemplates}, which escapes it with the SDK (RFC 4515 for filters,
 * RFC 4514 for DNs) and parses the result.
 */
package org.ganymede.auth.ldap;
