package org.ganymede.auth;

import java.util.Map;
import java.util.Optional;

/**
 * A login that happens at an identity provider rather than on the hub's form (OAuth2 / OpenID
 * Connect): the hub sends the browser away with {@link #start} and finishes with {@link #finish}
 * when the provider sends it back to {@code /hub/oauth_callback}. What is proved there then goes
 * through the same {@link LoginFlow#decide} policy as a form login. Blocking; called on virtual
 * threads.
 */
public interface RedirectLogin {
  /** The provider's name for the login button: "Sign in with {loginService}". */
  String loginService();

  /**
   * A new login: where to send the browser, and the state id the browser must carry back in its
   * state cookie. {@code callbackUrl} is where the provider returns (oauth_callback_url, or the
   * one the request came in on); {@code next} is where the user goes once logged in.
   *
   * @throws Unavailable when the provider's endpoints cannot be discovered
   */
  Start start(String callbackUrl, String next);

  /**
   * Finishes a login from the callback's query parameters and the browser's state cookie (empty
   * when the browser had none). Each state is good for one callback only.
   */
  Outcome finish(Map<String, String> query, Optional<String> stateCookie);

  /** Where the browser goes after logout ({@code logout_redirect_url}), if anywhere but the login page. */
  Optional<String> logoutRedirectUrl();

  /** @param providerUrl the authorization URL with state, PKCE challenge and nonce */
  record Start(String providerUrl, String stateId) {}

  /** How a callback ended. */
  sealed interface Outcome {
    /**
     * The provider proved who the user is; the hub's policy has not been applied yet.
     *
     * @param authState oauthenticator's auth_state shape: access_token, refresh_token, id_token,
     *     scope, token_response, oauth_user
     */
    record Proved(Authenticator.Identity identity, String next, Map<String, Object> authState) implements Outcome {}

    /**
     * Refused, with a message in plain words the user can act on, and what the log says.
     *
     * @param status 400 for a broken or stale request, 403 for a refused identity, 502/503 for a
     *     provider that failed or could not be reached
     */
    record Failed(int status, String userMessage, String logReason) implements Outcome {}
  }

  /** The provider cannot be reached to start a login; the message says where and why (for the log). */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
