/**
 * OAuth2 / OpenID Connect login (oauthenticator's names): the authorization code flow with state,
 * PKCE and nonce through the Nimbus SDK, ID tokens checked against the issuer's keys, and the
 * presets' provider rules (Google hd, Azure tenant, CILogon idp, Auth0 email_verified).
 *
 * <p>Words: a <em>pending login</em> is what the hub remembers between sending the browser to the
 * provider and its return (state id, nonce, PKCE verifier, next URL), good for one callback; a
 * <em>provider rule</em> refuses an identity whatever allow_all or the allow-lists say.
 */
package org.ganymede.auth.oauth;
