package org.ganymede.auth.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ganymede.config.AuthenticatorKind;
import org.ganymede.config.OAuthSettings;

/**
 * GitHub organization/team and GitLab group membership, asked of the provider's REST API with the
 * user's own access token at each login (as oauthenticator does): the allowed entries the user is
 * a member of. Anything but the API's "member" answer counts as not a member.
 */
final class ProviderMemberships {
  private final OAuthSettings s;

  ProviderMemberships(OAuthSettings s) {
    this.s = s;
  }

  Set<String> of(Map<String, Object> user, String login, AccessToken token) throws ProviderUnavailable {
    Set<String> member = new LinkedHashSet<>();
    for (String entry : s.providerAllowedGroups()) {
      if (isMember(entry, user, login, token)) member.add(entry);
    }
    return member;
  }

  private boolean isMember(String entry, Map<String, Object> user, String login, AccessToken token)
      throws ProviderUnavailable {
    String api = s.effectiveApi();
    if (s.kind() == AuthenticatorKind.GITHUB_OAUTH) {
      // https://docs.github.com/en/rest/orgs/members#check-organization-membership-for-a-user: 204 = member.
      int colon = entry.indexOf(':');
      String url = colon < 0 ? api + "/orgs/" + segment(entry) + "/members/" + segment(login)
          : api + "/orgs/" + segment(entry.substring(0, colon)) + "/teams/" + segment(entry.substring(colon + 1))
              + "/members/" + segment(login);
      return get(url, token) == 204;
    }
    // GitLab: 200 from /groups/{full path}/members/all/{user id} means a (possibly inherited) member.
    if (!(user.get("id") instanceof Number id)) return false;
    return get(api + "/groups/" + segment(entry) + "/members/all/" + id.longValue(), token) == 200;
  }

  private static int get(String url, AccessToken token) throws ProviderUnavailable {
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create(url));
    request.setAuthorization("Bearer " + token.getValue());
    request.setAccept("application/json");
    request.setConnectTimeout(ProviderEndpoints.CONNECT_TIMEOUT_MS);
    request.setReadTimeout(ProviderEndpoints.READ_TIMEOUT_MS);
    request.setFollowRedirects(false);
    try {
      HTTPResponse response = request.send();
      return response.getStatusCode();
    } catch (IOException e) {
      throw new ProviderUnavailable("cannot reach " + url + ": " + e, e);
    }
  }

  /** One path segment: a name such as "a/b" or "x?y" cannot reach another API path. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
