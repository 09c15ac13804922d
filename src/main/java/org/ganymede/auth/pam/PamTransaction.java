package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * One PAM transaction: start → its calls in order → end. A login is set PAM_RHOST →
 * authenticate → account check; {@link PamSession} uses the same frame for sessions.
 *
 * <p>Returns the PAM error text when the login fails; {@code pam_end} always runs. The native
 * password copy belongs to the caller, who zeroes it afterwards.
 */
final class PamTransaction {
  private PamTransaction() {}

  /** One call of a transaction: its name for the error message, and the call on the handle. */
  record Step(String what, ToIntFunction<Pointer> call) {}

  /** Empty on success, else what failed in PAM's words ("Authentication failure"). */
  static Optional<String> run(String service, String user, Memory password, String clientAddress,
      boolean checkAccount) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("pam_set_item(PAM_FAIL_DELAY)",
        h -> LibPam.PAM.pam_set_item(h, LibPam.PAM_FAIL_DELAY, LibPam.NO_DELAY)));
    if (!clientAddress.isEmpty()) {
      steps.add(new Step("pam_set_item(PAM_RHOST)", h -> LibPam.PAM.pam_set_item(h, LibPam.PAM_RHOST, clientAddress)));
    }
    steps.add(new Step("pam_authenticate",
        h -> LibPam.PAM.pam_authenticate(h, LibPam.PAM_SILENT | LibPam.PAM_DISALLOW_NULL_AUTHTOK)));
    if (checkAccount) {
      steps.add(new Step("pam_acct_mgmt",
          h -> LibPam.PAM.pam_acct_mgmt(h, LibPam.PAM_SILENT | LibPam.PAM_DISALLOW_NULL_AUTHTOK)));
    }
    return run(service, user, password, steps);
  }

  /** start → each step until one fails → end (always, with the last status). */
  static Optional<String> run(String service, String user, Memory password, List<Step> steps) {
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
      for (Step step : steps) {
        status = step.call().applyAsInt(handle);
        if (status != LibPam.PAM_SUCCESS) return Optional.of(step.what() + ": " + text(handle, status));
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
  private static String text(Pointer handle, int status) {
    String text = LibPam.PAM.pam_strerror(handle, status);
    return (text == null ? "PAM error" : text) + " (" + status + ")";
  }
}
