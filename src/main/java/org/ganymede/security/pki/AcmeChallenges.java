package org.ganymede.security.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The HTTP-01 challenge directory: one file per pending token holding its key authorization.
 * The proxy's plain-HTTP (redirect) listener serves {@code /.well-known/acme-challenge/<token>}
 * from it, like certbot's webroot. Tokens are base64url by RFC 8555; anything else is refused so
 * a token can never name a path outside the directory.
 */
public final class AcmeChallenges {
  public static final String URL_PREFIX = "/.well-known/acme-challenge/";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final Path dir;

  public AcmeChallenges(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  public static boolean isToken(String token) {
    return TOKEN.matcher(token).matches();
  }

  public void publish(String token, String keyAuthorization) {
    if (!isToken(token)) throw new PkiException("ACME token '" + token + "' is not base64url; refusing to publish it");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PkiException("cannot create ACME challenge directory " + dir + ": " + e, e);
    }
    PkiFiles.writePublic(dir.resolve(token), keyAuthorization);
  }

  public void remove(String token) {
    if (!isToken(token)) return;
    try {
      Files.deleteIfExists(dir.resolve(token));
    } catch (IOException e) {
      throw new PkiException("cannot remove ACME challenge " + dir.resolve(token) + ": " + e, e);
    }
  }
}
