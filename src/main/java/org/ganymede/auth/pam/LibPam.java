package org.ganymede.auth.pam;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few Linux-PAM and libc calls the authenticator needs, bound with JNA.
 *
 * <p>Constants are Linux-PAM's ({@code security/_pam_types.h}); this binding is not meant for other
 * PAM implementations.
 */
final class LibPam {
  static final int PAM_SUCCESS = 0;
  static final int PAM_BUF_ERR = 5;
  static final int PAM_CONV_ERR = 19;

  static final int PAM_RHOST = 4;

  /** {@code pam_setcred} flags. */
  static final int PAM_ESTABLISH_CRED = 0x0002;
  static final int PAM_DELETE_CRED = 0x0004;
  static final int PAM_FAIL_DELAY = 10;

  static final int PAM_PROMPT_ECHO_OFF = 1;
  static final int PAM_PROMPT_ECHO_ON = 2;
  static final int PAM_ERROR_MSG = 3;
  static final int PAM_TEXT_INFO = 4;

  /** PAM modules print nothing of their own (the hub has no terminal). */
  static final int PAM_SILENT = 0x8000;
  /** An empty password never authenticates, whatever the modules' nullok says. */
  static final int PAM_DISALLOW_NULL_AUTHTOK = 0x0001;

  /** {@code struct pam_message} and {@code struct pam_response} are both 16 bytes on LP64. */
  static final int MESSAGE_TEXT_OFFSET = Native.POINTER_SIZE;
  static final int RESPONSE_SIZE = 2 * Native.POINTER_SIZE;

  interface Pam extends Library {
    int pam_start(String service, String user, PamConv conv, PointerByReference handle);

    int pam_set_item(Pointer handle, int itemType, String value);

    int pam_set_item(Pointer handle, int itemType, DelayFunction delay);

    int pam_authenticate(Pointer handle, int flags);

    int pam_acct_mgmt(Pointer handle, int flags);

    int pam_setcred(Pointer handle, int flags);

    int pam_open_session(Pointer handle, int flags);

    int pam_close_session(Pointer handle, int flags);

    int pam_end(Pointer handle, int status);

    String pam_strerror(Pointer handle, int status);
  }

  /** Memory PAM will free itself must come from libc's allocator, not JNA's. */
  interface LibC extends Library {
    Pointer calloc(long count, long size);

    Pointer strdup(Pointer text);

    void free(Pointer memory);
  }

  /** {@code int (*conv)(int, const struct pam_message **, struct pam_response **, void *)}. */
  interface ConversationFunction extends Callback {
    int callback(int count, Pointer messages, Pointer responses, Pointer appData);
  }

  /** {@code void (*delay_fn)(int retval, unsigned usec_delay, void *appdata_ptr)}. */
  interface DelayFunction extends Callback {
    void callback(int status, int microseconds, Pointer appData);
  }

  /**
   * Replaces pam_unix's ~2 s sleep after a failed password: the hub's own login throttle limits
   * guessing per user and address, and a sleeping pool thread would only block other users' logins.
   */
  static final DelayFunction NO_DELAY = (status, microseconds, appData) -> {};

  /** {@code struct pam_conv}. */
  @Structure.FieldOrder({"conv", "appdata_ptr"})
  public static final class PamConv extends Structure {
    public ConversationFunction conv;
    public Pointer appdata_ptr;

    PamConv(ConversationFunction conv) {
      this.conv = conv;
      write();
    }
  }

  static final Pam PAM = Native.load("pam", Pam.class);
  static final LibC LIBC = Native.load("c", LibC.class);

  private LibPam() {}
}
