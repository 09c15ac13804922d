package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import java.util.List;
import java.util.Optional;

/**
 * Opens or closes a user's PAM session around a server's life, as JupyterHub's
 * {@code PAMAuthenticator} does through pamela: open is start → {@code pam_setcred(PAM_ESTABLISH_CRED)}
 * → {@code pam_open_session} → end; close is start → {@code pam_close_session} →
 * {@code pam_setcred(PAM_DELETE_CRED)} → end. Each is its own transaction ({@code pam_end} always
 * runs), since the server's life spans hub restarts and a handle cannot.
 */
final class PamSession {
  private PamSession() {}

  /** Empty on success, else which call failed in PAM's words. */
  static Optional<String> open(String service, String user) {
    return run(service, user, true);
  }

  static Optional<String> close(String service, String user) {
    return run(service, user, false);
  }

  private static Optional<String> run(String service, String user, boolean open) {
    // Session modules do not ask for a password; a prompt that does anyway gets an empty answer.
    try (Memory noPassword = new Memory(1)) {
      noPassword.clear();
      List<PamTransaction.Step> steps = open
          ? List.of(new PamTransaction.Step("pam_setcred(PAM_ESTABLISH_CRED)",
                  h -> LibPam.PAM.pam_setcred(h, LibPam.PAM_ESTABLISH_CRED | LibPam.PAM_SILENT)),
              new PamTransaction.Step("pam_open_session", h -> LibPam.PAM.pam_open_session(h, LibPam.PAM_SILENT)))
          : List.of(new PamTransaction.Step("pam_close_session", h -> LibPam.PAM.pam_close_session(h, LibPam.PAM_SILENT)),
              new PamTransaction.Step("pam_setcred(PAM_DELETE_CRED)",
                  h -> LibPam.PAM.pam_setcred(h, LibPam.PAM_DELETE_CRED | LibPam.PAM_SILENT)));
      return PamTransaction.run(service, user, noPassword, steps);
    }
  }
}
