package org.ganymede.security;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's REST API token, first match wins: {@code ConfigurableHTTPProxy.auth_token}; the
 * {@code CONFIGPROXY_AUTH_TOKEN} environment variable; the file {@value #FILE_NAME} in the data
 * directory (mode 0600, created with a random token when missing). Persisting it means a hub
 * restart does not change the token, so an external proxy keeps working without a restart.
 */
public final class ProxyTokenSource {
  public static final String ENV = "CONFIGPROXY_AUTH_TOKEN";
  public static final String FILE_NAME = "jupyterhub-proxy-token";
  public static final String SETTING = "proxy auth token file";

  private ProxyTokenSource() {}

  /** The token and a description of where it came from (never the token itself). */
  public record Resolved(String token, String origin) {
    @Override
    public String toString() {
      return "proxy token from " + origin + " (" + Secrets.prefix(token) + "…)";
    }
  }

  public static Resolved resolve(Optional<String> configured, Map<String, String> env, Path dataDir) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return new Resolved(configured.get(), "config");
    }
    String fromEnv = env.getOrDefault(ENV, "").strip();
    if (!fromEnv.isEmpty()) {
      return new Resolved(fromEnv, "env " + ENV);
    }
    Path file = dataDir.resolve(FILE_NAME);
    String text = SecretFiles.readOrCreate(file, () -> Secrets.randomHex(32) + "\n", SETTING).strip();
    if (text.isEmpty()) {
      throw new SecurityConfigException(SETTING + " " + file + " is empty. Fix: rm " + file
          + " (a new token is generated at the next start)");
    }
    return new Resolved(text, file.toString());
  }
}
