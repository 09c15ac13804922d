package org.ganymede.auth.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import org.ganymede.config.OAuthSettings;

/**
 * Where the provider is: from {@code oidc_issuer}'s discovery document, each URL overridable by
 * the explicit {@code authorize_url}/{@code token_url}/{@code userdata_url}, or from those alone.
 *
 * @param oidc present when ID tokens can be checked: issuer, its key set URL and signing algorithm
 */
record ProviderEndpoints(URI authorize, URI token, Optional<URI> userinfo, Optional<Oidc> oidc,
    Optional<URI> endSession) {

  /** What checking an ID token needs. */
  record Oidc(Issuer issuer, URL jwks, JWSAlgorithm algorithm) {}

  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final int READ_TIMEOUT_MS = 10_000;

  /** Reads the endpoints, fetching the discovery document when there is an issuer (blocking). */
  static ProviderEndpoints resolve(OAuthSettings s) throws ProviderUnavailable {
    String issuer = s.effectiveIssuer();
    if (issuer.isEmpty()) {
      return new ProviderEndpoints(URI.create(s.effectiveAuthorizeUrl()), URI.create(s.effectiveTokenUrl()),
          Optional.of(URI.create(s.effectiveUserdataUrl())), Optional.empty(), Optional.empty());
    }
    OIDCProviderMetadata meta;
    try {
      // Nimbus checks that the document's issuer is the one asked for.
      meta = OIDCProviderMetadata.resolve(new Issuer(issuer), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    } catch (IOException e) {
      throw new ProviderUnavailable("cannot read the OpenID configuration of " + issuer + ": " + e, e);
    } catch (GeneralException e) {
      throw new ProviderUnavailable("the OpenID configuration of " + issuer + " is not usable: " + e.getMessage(), e);
    }
    try {
      List<JWSAlgorithm> algs = Optional.ofNullable(meta.getIDTokenJWSAlgs()).orElse(List.of());
      JWSAlgorithm alg = algs.contains(JWSAlgorithm.RS256) || algs.isEmpty() ? JWSAlgorithm.RS256 : algs.get(0);
      URI userinfo = s.userdataUrl().isEmpty() ? meta.getUserInfoEndpointURI() : URI.create(s.userdataUrl());
      return new ProviderEndpoints(
          s.authorizeUrl().isEmpty() ? meta.getAuthorizationEndpointURI() : URI.create(s.authorizeUrl()),
          s.tokenUrl().isEmpty() ? meta.getTokenEndpointURI() : URI.create(s.tokenUrl()),
          Optional.ofNullable(userinfo),
          Optional.of(new Oidc(meta.getIssuer(), meta.getJWKSetURI().toURL(), alg)),
          Optional.ofNullable(meta.getEndSessionEndpointURI()));
    } catch (IOException | RuntimeException e) {
      throw new ProviderUnavailable("the OpenID configuration of " + issuer + " lacks an endpoint: " + e, e);
    }
  }
}
