package org.ganymede.auth.dummy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Credentials;

/**
 * For trying things out: any user name is accepted, with any password — or, when a shared
 * {@code DummyAuthenticator.password} is configured, only with that password (constant-time compare).
 */
public final class DummyAuthenticator implements Authenticator {
  private final Optional<byte[]> sharedPassword;

  public DummyAuthenticator(Optional<String> sharedPassword) {
    this.sharedPassword = sharedPassword.filter(p -> !p.isEmpty()).map(p -> p.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Optional<Identity> authenticate(Credentials credentials) {
    if (credentials.username().isEmpty()) return Optional.empty();
    if (sharedPassword.isPresent()) {
      byte[] given = new String(credentials.password()).getBytes(StandardCharsets.UTF_8);
      boolean same = MessageDigest.isEqual(given, sharedPassword.get());
      java.util.Arrays.fill(given, (byte) 0);
      if (!same) return Optional.empty();
    }
    return Optional.of(Identity.of(credentials.username()));
  }

  @Override
  public String className() {
    return "jupyterhub.auth.DummyAuthenticator";
  }
}
