package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the cookie secret as JupyterHub does, first match wins:
 *
 * <ol>
 *   <li>{@code c.JupyterHub.cookie_secret} (bytes; empty means unset);
 *   <li>the {@code JPY_COOKIE_SECRET} environment variable, hex-encoded;
 *   <li>{@code c.JupyterHub.cookie_secret_file} ({@code jupyterhub_cookie_secret}): hex, or the
 *       base64 that JupyterHub before 0.8 wrote; refused when group or others can read or write
 *       it or another user owns it;
 *   <li>otherwise 32 new random bytes, written hex-encoded with a newline to that file (0600).
 * </ol>
 *
 * <p>Decision: a secret shorter than {@value #MIN_BYTES} bytes is refused, with the fix in the
 * message. JupyterHub only warns, but its documentation asks for 32 random bytes, every secret it
 * generates has them, and a short HMAC key is a silent weakness in a secure-by-default hub.
 */
public final class CookieSecretSource {
  public static final String ENV = "JPY_COOKIE_SECRET";
  public static final String SETTING = "JupyterHub.cookie_secret";
  public static final String FILE_SETTING = "JupyterHub.cookie_secret_file";
  public static final int MIN_BYTES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(CookieSecretSource.class);
  private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");
  private static final String HOW_TO_GENERATE = "openssl rand -hex 32";

  private final byte[] configured;
  private final Map<String, String> env;
  private final Path secretFile;

  /**
   * @param configured {@code c.JupyterHub.cookie_secret}, empty when not set
   * @param env the process environment (or a test's map)
   * @param secretFile {@code c.JupyterHub.cookie_secret_file}, already made absolute by the caller
   */
  public CookieSecretSource(byte[] configured, Map<String, String> env, Path secretFile) {
    this.configured = configured.clone();
    this.env = Map.copyOf(env);
    this.secretFile = secretFile;
  }

  /**
   * @throws SecurityConfigException naming the source and the fix when the secret is unusable
   */
  public CookieSecret resolve() {
    if (configured.length > 0) {
      LOG.info("Loading cookie_secret from config");
      return checked(configured, CookieSecret.Origin.CONFIG, Optional.empty(), SETTING,
          "set c.JupyterHub.cookie_secret = bytes.fromhex('<output of " + HOW_TO_GENERATE + ">')");
    }
    String fromEnv = env.getOrDefault(ENV, "").strip();
    if (!fromEnv.isEmpty()) {
      LOG.info("Loading cookie_secret from env[{}]", ENV);
      if (!HEX.matcher(fromEnv).matches()) {
        throw new SecurityConfigException("environment variable " + ENV + " is not valid hex ("
            + fromEnv.length() + " characters; expected an even number of 0-9a-f). Fix: export "
            + ENV + "=$(" + HOW_TO_GENERATE + ")");
      }
      return checked(HexFormat.of().parseHex(fromEnv), CookieSecret.Origin.ENVIRONMENT,
          Optional.empty(), "environment variable " + ENV,
          "export " + ENV + "=$(" + HOW_TO_GENERATE + ")");
    }
    if (Files.exists(secretFile)) {
      LOG.info("Loading cookie_secret from {}", secretFile);
      return fromFile();
    }
    byte[] fresh = Secrets.randomBytes(MIN_BYTES);
    String text = HexFormat.of().formatHex(fresh) + "\n";
    LOG.info("Writing new cookie_secret to {}", secretFile);
    if (!SecretFiles.create(secretFile, text, FILE_SETTING)) {
      LOG.info("{} appeared while generating a secret; using it", secretFile);
      return fromFile();
    }
    return new CookieSecret(fresh, CookieSecret.Origin.GENERATED, Optional.of(secretFile));
  }

  private CookieSecret fromFile() {
    String where = FILE_SETTING + " " + secretFile;
    String fix = HOW_TO_GENERATE + " > " + secretFile + " && chmod 600 " + secretFile;
    String text = SecretFiles.read(secretFile, FILE_SETTING).strip();
    if (text.isEmpty()) {
      throw new SecurityConfigException(where + " is empty. Fix: " + fix);
    }
    byte[] secret;
    if (HEX.matcher(text).matches()) {
      secret = HexFormat.of().parseHex(text);
    } else {
      try {
        secret = Base64.getMimeDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new SecurityConfigException(where + " holds neither hex nor base64. Fix: " + fix);
      }
      LOG.warn("Old base64 cookie secret in {}; JupyterHub 0.8 and later use 32 hex-encoded bytes."
          + " To replace it (logs everybody out): {}", secretFile, fix);
    }
    return checked(secret, CookieSecret.Origin.FILE, Optional.of(secretFile), where, fix);
  }

  private static CookieSecret checked(byte[] secret, CookieSecret.Origin origin, Optional<Path> file,
      String where, String fix) {
    if (secret.length < MIN_BYTES) {
      throw new SecurityConfigException("cookie secret from " + where + " has " + secret.length
          + " bytes; at least " + MIN_BYTES + " random bytes are required. Fix: " + fix);
    }
    return new CookieSecret(secret, origin, file);
  }
}
