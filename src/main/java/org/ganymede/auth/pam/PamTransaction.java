package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * One PAM conversation: start → set PAM_RHOST → authenticate → account check → end.
 *
 * <p>Returns the PAM error text when the login fails; {@code pam_end} always runs. The native
 * password copy belongs to the caller, who zeroes it afterwards.
 */
final class PamTransaction {
  private PamTransaction() {}

  /** Empty on success, else what failed in PAM's words ("Authentication failure"). */
  static Optional<String> run(String service, String user, Memory password, String clientAddress,
      boolean checkAccount) {
    Conversation conversation = new Conversation(user, password);
    LibPam.PamConv conv = new LibPam.PamConv(conversation);
    PointerByReference handleRef = new PointerByReference();
    int status = LibPam.PAM.pam_start(service, user, conv, handleRef);
    Pointer handle = handleRef.getValue();
    if (status != LibPam.PAM_SUCCESS || handle == null) {
      return Optional.of("pam_start(" + service + ") failed with status " + status
          + " (does /etc/pam.d/" + service + " exist?)");
    }
    try {
      status = LibPam.PAM.pam_set_item(handle, LibPam.PAM_FAIL_DELAY, LibPam.NO_DELAY);
      if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_set_item(PAM_FAIL_DELAY): " + text(handle, status));
      if (!clientAddress.isEmpty()) {
        status = LibPam.PAM.pam_set_item(handle, LibPam.PAM_RHOST, clientAddress);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_set_item(PAM_RHOST): " + text(handle, status));
      }
      status = LibPam.PAM.pam_authenticate(handle, LibPam.PAM_SILENT | LibPam.PAM_DISALLOW_NULL_AUTHTOK);
      if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_authenticate: " + text(handle, status));
      if (checkAccount) {
        status = LibPam.PAM.pam_acct_mgmt(handle, LibPam.PAM_SILENT | LibPam.PAM_DISALLOW_NULL_AUTHTOK);
        if (status != LibPam.PAM_SUCCESS) return Optional.of("pam_acct_mgmt: " + text(handle, status));
      }
      return Optional.empty();
    } finally {
      LibPam.PAM.pam_end(handle, status);
      // Keeps the callback and its struct reachable until PAM can no longer call them.
      java.lang.ref.Reference.reachabilityFence(conv);
      java.lang.ref.Reference.reachabilityFence(conversation);
    }
  }

  /** PAM's words for {@code status}, with the number. */
  static String text(Pointer handle, int status) {
    String text = LibPam.PAM.pam_strerror(handle, status);
    return (text == null ? "PAM error" : text) + " (" + status + ")";
  }
}
