package org.ganymede.auth.pam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's Unix groups from {@code id -Gn}, which asks the name service (files, LDAP, SSSD) the same
 * way login does; used for {@code allowed_groups} and {@code admin_groups}.
 */
final class UnixGroups {
  private static final Logger LOG = LoggerFactory.getLogger(UnixGroups.class);

  /** The groups of {@code user}, primary included; empty when there is no such user. */
  Set<String> of(String user) {
    if (user.isEmpty() || user.startsWith("-") || user.indexOf('\0') >= 0) return Set.of();
    try {
      Process process = new ProcessBuilder("id", "-Gn", user).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.warn("id -Gn {} did not answer within 10 s; treating the user as in no group", user);
        return Set.of();
      }
      if (process.exitValue() != 0) return Set.of();
      return Arrays.stream(out.strip().split("\\s+")).filter(g -> !g.isEmpty()).collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      LOG.warn("cannot run id -Gn {}: {}", user, e.getMessage());
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }
}
