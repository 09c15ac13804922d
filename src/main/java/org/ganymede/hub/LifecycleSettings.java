package org.ganymede.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StopTimeouts;

/**
 * The knobs of the lifecycle, from {@code JupyterHub.*} and {@code Spawner.*} config, in groups.
 *
 * @param baseUrl {@code JupyterHub.base_url}, with its slashes: servers live under {@code {baseUrl}user/}
 * @param hubApiUrl where servers reach the hub's API ({@code JUPYTERHUB_API_URL})
 * @param cleanupServers {@code JupyterHub.cleanup_servers}: {@link ServerLifecycle#close} stops the servers
 */
public record LifecycleSettings(String baseUrl, String hubApiUrl, Timeouts timeouts, Limits limits, ServerSetup servers,
    Scopes scopes, boolean cleanupServers) {

  /**
   * How long each step may take.
   *
   * @param start {@code Spawner.start_timeout}: for the spawner to start the process
   * @param http {@code Spawner.http_timeout}: for the started server to answer
   * @param poll {@code Spawner.poll_interval}: how often running servers are polled
   * @param stop {@code LocalProcessSpawner.interrupt_timeout/term_timeout/kill_timeout}
   */
  public record Timeouts(Duration start, Duration http, Duration poll, StopTimeouts stop) {}

  /**
   * What may start; 0 is no limit.
   *
   * @param concurrentSpawns {@code JupyterHub.concurrent_spawn_limit}
   * @param activeServers {@code JupyterHub.active_server_limit}
   * @param namedServers {@code JupyterHub.allow_named_servers} and {@code named_server_limit_per_user}
   * @param consecutiveFailures {@code Spawner.consecutive_failure_limit}: failed spawns in a row
   *     that stop the hub
   */
  public record Limits(int concurrentSpawns, int activeServers, ServerLifecycle.NamedServers namedServers,
      int consecutiveFailures) {}

  /**
   * What every server is started with, besides its token.
   *
   * @param launch the command, environment, directory and address ({@code Spawner.cmd} and friends)
   * @param extraEnv variables from other {@code Spawner.*} traits ({@code JUPYTERHUB_DEBUG}, {@code MEM_LIMIT}...)
   * @param logDir where each server's output goes, one file per server
   * @param certificates with {@code JupyterHub.internal_ssl}, the servers' internal PKI
   * @param profiles {@code Spawner.profiles}: what a user may pick, changing the launch
   */
  public record ServerSetup(ServerLaunch launch, Map<String, String> extraEnv, Path logDir,
      Optional<ServerCertificates> certificates, SpawnProfiles profiles) {
    public ServerSetup {
      extraEnv = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraEnv));
    }

    /** Without profiles. */
    public ServerSetup(ServerLaunch launch, Map<String, String> extraEnv, Path logDir,
        Optional<ServerCertificates> certificates) {
      this(launch, extraEnv, logDir, certificates, SpawnProfiles.none());
    }
  }

  /**
   * What each server's credentials may do.
   *
   * @param serverToken what each server's API token asks for: {@code Spawner.server_token_scopes},
   *     or the {@code server} role's scopes when that is empty (see {@link ServerTokenScopes})
   * @param oauthClientAllowed {@code Spawner.oauth_client_allowed_scopes}
   */
  public record Scopes(List<String> serverToken, List<String> oauthClientAllowed) {
    public Scopes {
      serverToken = List.copyOf(serverToken);
      oauthClientAllowed = List.copyOf(oauthClientAllowed);
    }
  }
}
