package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
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
    Memory noPassword = new Memory(1);
    noPassword.clear();
    Conversation conversation = new Conversation(user, noPassword);
    LibPam.PamConv conv = new LibPam.PamConv(conversation);
    PointerByReference handleRef = new PointerByReference();
    int status = LibPam.PAM.pam_start(service, user, conv, handleRef);
    Pointer handle = handleRef.getValue();
    if (status != LibPam.PAM_SUCCESS || handle == null) {
      return Optional.of("pam_start(" + service + ") failed with status " + status
          + " (does /etc/pam.d/" + service + " exist?)");
    }
    try {
      if (open) {
        status = LibPam.PAM.pam_setcred(handle, LibPam.PAM_ESTABLISH_CRED | LibPam.PAM_SILENT);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_setcred(PAM_ESTABLISH_CRED): " + PamTransaction.text(handle, status));
        status = LibPam.PAM.pam_open_session(handle, LibPam.PAM_SILENT);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_open_session: " + PamTransaction.text(handle, status));
      } else {
        status = LibPam.PAM.pam_close_session(handle, LibPam.PAM_SILENT);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_close_session: " + PamTransaction.text(handle, status));
        status = LibPam.PAM.pam_setcred(handle, LibPam.PAM_DELETE_CRED | LibPam.PAM_SILENT);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_setcred(PAM_DELETE_CRED): " + PamTransaction.text(handle, status));
      }
      return Optional.empty();
    } finally {
      LibPam.PAM.pam_end(handle, status);
      java.lang.ref.Reference.reachabilityFence(conv);
      java.lang.ref.Reference.reachabilityFence(conversation);
      noPassword.close();
    }
  }
}
