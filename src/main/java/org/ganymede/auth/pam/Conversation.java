package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers PAM's questions for one login: the password for hidden prompts, the user name for
 * visible ones; PAM's error and info messages go to the log.
 *
 * <p>Runs on the PAM call's own thread, inside {@code pam_authenticate}; it must never throw into
 * native code, so every failure becomes {@code PAM_CONV_ERR}. Answers are {@code strdup}ed with
 * libc because PAM frees them.
 */
final class Conversation implements LibPam.ConversationFunction {
  private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

  private final String user;
  private final Memory password;

  /** {@code password} is a NUL-terminated native copy that the caller zeroes after the login. */
  Conversation(String user, Memory password) {
    this.user = user;
    this.password = password;
  }

  @Override
  public int callback(int count, Pointer messages, Pointer responses, Pointer appData) {
    if (count <= 0 || count > 64) return LibPam.PAM_CONV_ERR;
    Pointer answers;
    try {
      answers = LibPam.LIBC.calloc(count, LibPam.RESPONSE_SIZE);
    } catch (RuntimeException | Error e) {
      return LibPam.PAM_BUF_ERR;
    }
    if (answers == null) return LibPam.PAM_BUF_ERR;
    try {
      for (int i = 0; i < count; i++) {
        Pointer message = messages.getPointer((long) i * Native.POINTER_SIZE);
        int style = message.getInt(0);
        Pointer textPointer = message.getPointer(LibPam.MESSAGE_TEXT_OFFSET);
        String text = textPointer == null ? "" : textPointer.getString(0);
        Pointer answer = switch (style) {
          case LibPam.PAM_PROMPT_ECHO_OFF -> LibPam.LIBC.strdup(password);
          case LibPam.PAM_PROMPT_ECHO_ON -> strdup(user);
          case LibPam.PAM_ERROR_MSG -> {
            LOG.info("PAM error message for {}: {}", user, text);
            yield null;
          }
          case LibPam.PAM_TEXT_INFO -> {
            LOG.debug("PAM info for {}: {}", user, text);
            yield null;
          }
          default -> throw new IllegalStateException("unknown PAM message style " + style);
        };
        if ((style == LibPam.PAM_PROMPT_ECHO_OFF || style == LibPam.PAM_PROMPT_ECHO_ON) && answer == null) {
          throw new IllegalStateException("strdup failed");
        }
        answers.setPointer((long) i * LibPam.RESPONSE_SIZE, answer);
      }
      responses.setPointer(0, answers);
      return LibPam.PAM_SUCCESS;
    } catch (RuntimeException | Error e) {
      LOG.warn("PAM conversation for {} failed: {}", user, e.getMessage());
      freeAnswers(answers, count);
      return LibPam.PAM_CONV_ERR;
    }
  }

  private static Pointer strdup(String text) {
    try (Memory copy = new Memory(Native.toByteArray(text).length)) {
      copy.setString(0, text);
      return LibPam.LIBC.strdup(copy);
    }
  }

  private static void freeAnswers(Pointer answers, int count) {
    for (int i = 0; i < count; i++) {
      Pointer answer = answers.getPointer((long) i * LibPam.RESPONSE_SIZE);
      if (answer != null) {
        answer.clear(answer.indexOf(0, (byte) 0)); // may hold the password
        LibPam.LIBC.free(answer);
      }
    }
    LibPam.LIBC.free(answers);
  }
}
