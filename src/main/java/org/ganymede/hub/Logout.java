package org.ganymede.hub;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What logging out does on the hub's side, beyond clearing the browser's cookies (JupyterHub's
 * {@code LogoutHandler}): the OAuth tokens the browser session handed to servers are revoked, so a
 * server's own cookie is refused at its next check with the hub (advisory GHSA-cw7p-q79f-m2v7);
 * with {@code JupyterHub.shutdown_on_logout} the user's running servers are stopped too.
 */
public final class Logout {
  private static final Logger log = LoggerFactory.getLogger(Logout.class);
  /** How long logout waits for the servers to stop (JupyterHub's {@code slow_stop_timeout}); a slower stop goes on after. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final OAuthProvider oauth;
  private final ServerLifecycle lifecycle;
  private final boolean shutdownServers;

  /** @param shutdownServers {@code JupyterHub.shutdown_on_logout} */
  public Logout(OAuthProvider oauth, ServerLifecycle lifecycle, boolean shutdownServers) {
    this.oauth = oauth;
    this.lifecycle = lifecycle;
    this.shutdownServers = shutdownServers;
  }

  /**
   * Ends {@code user}'s browser session {@code sessionId} (absent when the browser had no session
   * cookie: then no token can be told apart as this session's, and none is revoked). Tokens of the
   * user's other sessions and the API tokens they made stay valid, as in JupyterHub.
   */
  public void end(String user, Optional<String> sessionId) {
    if (shutdownServers) stopRunningServers(user);
    int revoked = sessionId.map(id -> oauth.endSession(user, id)).orElse(0);
    log.info("user {} logged out ({} session token{} revoked)", user, revoked, revoked == 1 ? "" : "s");
  }

  /** Running servers only, as JupyterHub: one still starting or stopping is left to finish. */
  private void stopRunningServers(String user) {
    List<UserServer> running = lifecycle.serversOf(user).stream().filter(s -> s.state().ready()).toList();
    // Every stop is started first (a zero wait returns at once), then awaited, so they run side by side.
    for (UserServer s : running) stopQuietly(s, Duration.ZERO);
    for (UserServer s : running) stopQuietly(s, STOP_WAIT);
  }

  private void stopQuietly(UserServer s, Duration wait) {
    try {
      lifecycle.stop(s.user(), s.name(), wait);
    } catch (RuntimeException e) {
      // The logout itself must not fail because a server would not stop; the lifecycle logged why.
      log.warn("logout of {}: stopping {} failed: {}", s.user(), s.displayName(), e.getMessage());
    }
  }
}
