package org.ganymede.auth.pam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code PAMAuthenticator.pam_normalize_username}: a name round-tripped through the account
 * database (name → uid → name), so that every alias PAM accepts for one account (another name with
 * the same uid, a DOMAIN\\user form of SSSD) becomes the one hub user. Asks the name service through
 * {@code getent}, as the rest of Ganymede does.
 */
final class UnixNames {
  private UnixNames() {}

  /** The account's canonical name, or empty when the name or its uid is unknown. */
  static Optional<String> canonical(String name) {
    return passwd(name).map(f -> f[2]).flatMap(UnixNames::passwd).map(f -> f[0]);
  }

  private static Optional<String[]> passwd(String key) {
    try {
      Process p = new ProcessBuilder("getent", "passwd", key).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String[] f = out.lines().findFirst().orElse("").split(":", -1);
      return f.length < 7 ? Optional.empty() : Optional.of(f);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
