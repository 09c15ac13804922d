package org.ganymede.spawn;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.ganymede.model.ServerName;
import org.ganymede.model.UserName;
import org.ganymede.security.pki.ServerTlsPem;

/**
 * Everything one spawn needs.
 *
 * @param user the server's owner; local spawners also use it as the Unix account name
 * @param server the server name, {@link ServerName#DEFAULT} for the default server
 * @param hubEnv the {@code JUPYTERHUB_*} variables (and {@code JPY_API_TOKEN}) computed by the hub,
 *     without {@code JUPYTERHUB_SERVICE_URL} (the spawner sets it, knowing the port) and without
 *     {@code JUPYTERHUB_ROOT_DIR} (set from {@code launch.notebookDir()})
 * @param servicePrefix the server's URL prefix, e.g. {@code /user/alice/}
 * @param launch how to run the server: the {@code Spawner.*} command, environment, directory and address
 * @param logFile where the server's stdout and stderr go; created (and truncated) by the spawner
 * @param progress receives progress steps; must not block
 * @param tls with {@code JupyterHub.internal_ssl}, the server's key and certificates for a spawner
 *     that {@linkplain Spawner#installsServerCertificates() installs them itself}; empty otherwise
 *     (then the hub has already put the {@code JUPYTERHUB_SSL_*} file paths into {@code hubEnv})
 * @param userOptions JupyterHub's {@code user_options}: what the user asked for on the spawn page
 *     (each form field a list of strings) or in the API request's JSON body; empty when nothing was
 *     asked. A spawner may read it; values may be JSON {@code null}.
 */
public record SpawnRequest(
    UserName user,
    ServerName server,
    Map<String, String> hubEnv,
    String servicePrefix,
    ServerLaunch launch,
    Path logFile,
    Consumer<SpawnProgress> progress,
    Optional<ServerTlsPem> tls,
    Map<String, Object> userOptions) {

  /** A request without TLS material nor user options. */
  public SpawnRequest(UserName user, ServerName server, Map<String, String> hubEnv, String servicePrefix,
      ServerLaunch launch, Path logFile, Consumer<SpawnProgress> progress) {
    this(user, server, hubEnv, servicePrefix, launch, logFile, progress, Optional.empty());
  }

  /** A request without user options. */
  public SpawnRequest(UserName user, ServerName server, Map<String, String> hubEnv, String servicePrefix,
      ServerLaunch launch, Path logFile, Consumer<SpawnProgress> progress, Optional<ServerTlsPem> tls) {
    this(user, server, hubEnv, servicePrefix, launch, logFile, progress, tls, Map.of());
  }

  public SpawnRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(server, "server");
    hubEnv = Map.copyOf(hubEnv);
    Objects.requireNonNull(launch, "launch");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(tls, "tls");
    userOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userOptions));
    if (!servicePrefix.startsWith("/") || !servicePrefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "service prefix must start and end with '/', got '" + servicePrefix + "'");
    }
    if (!logFile.isAbsolute()) {
      throw new IllegalArgumentException("server log file must be an absolute path, got " + logFile);
    }
  }

  /** "alice" or "alice/name", for messages. */
  public String describe() {
    return server.isDefault() ? user.value() : user.value() + "/" + server.value();
  }
}
