package org.ganymede.spawn.sudo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganymede.security.pki.ServerTlsPem;

/**
 * The helper writes a server's internal TLS files as the user: {@code
 * ~/.ganymede/internal-ssl/<server>/} (0700) with {@code server.key}, {@code server.crt} and
 * {@code client-ca.crt} (0600 each). The hub, not being root, could not give the user files; the
 * user's own helper can, and the service user cannot read them afterwards.
 *
 * <p>Each file is written to a temporary file created with mode 0600 and renamed over the old
 * one, so a server (re)starting never reads half a key and the key is never readable by others.
 */
final class ServerCertificateFiles {
  static final String KEY = "server.key";
  static final String CERTIFICATE = "server.crt";
  static final String CLIENT_CA = "client-ca.crt";

  private ServerCertificateFiles() {}

  static Path directory(UserSelf self, String server) {
    return self.home().resolve(".ganymede").resolve("internal-ssl").resolve(server.isEmpty() ? "default" : server);
  }

  /** Writes the three files and returns {@code JUPYTERHUB_SSL_KEYFILE/CERTFILE/CLIENT_CA} naming them. */
  static Map<String, String> install(UserSelf self, String server, ServerTlsPem tls) {
    Path dir = directory(self, server);
    privateDirectory(dir);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JUPYTERHUB_SSL_KEYFILE", write(dir.resolve(KEY), tls.key()).toString());
    env.put("JUPYTERHUB_SSL_CERTFILE", write(dir.resolve(CERTIFICATE), tls.certificate()).toString());
    env.put("JUPYTERHUB_SSL_CLIENT_CA", write(dir.resolve(CLIENT_CA), tls.clientCa()).toString());
    return env;
  }

  /** 0700 and a real directory (not a link) that this user owns. */
  private static void privateDirectory(Path dir) {
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new HelperException(dir + " is not a directory");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new HelperException("cannot create the internal TLS directory " + dir + ": " + e);
    }
  }

  private static Path write(Path file, String pem) {
    Path temp = null;
    try {
      temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, pem, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      return file;
    } catch (IOException e) {
      // The exception names the file, never its content.
      throw new HelperException("cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temp file in the user's own 0700 directory harms nobody
        }
      }
    }
  }
}
