package org.ganymede.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.HubConfig;
import org.ganymede.config.ProfileSpec;
import org.ganymede.config.SpawnerKind;
import org.ganymede.config.SpawnerSettings;
import org.ganymede.hub.ServerCertificates;
import org.ganymede.hub.ServerLifecycle;
import org.ganymede.hub.LifecycleSettings;
import org.ganymede.hub.SpawnProfiles;
import org.ganymede.spawn.ServerLaunch;
import org.ganymede.spawn.StopTimeouts;

/** The {@code Spawner.*} and server-related {@code JupyterHub.*} traits as the lifecycle's settings. */
final class ServerWiring {
  private ServerWiring() {}

  /** {@code serverTokenScopes}: {@code Spawner.server_token_scopes} with [] already replaced by the server role's. */
  static LifecycleSettings settings(HubConfig config, String hubApiUrl, Path logDir,
      Optional<ServerCertificates> certificates, List<String> serverTokenScopes) {
    SpawnerSettings sp = config.spawner();
    var hub = config.hub();
    try {
      Files.createDirectories(logDir);
    } catch (java.io.IOException e) {
      throw new StartupException("cannot create the server log directory " + logDir + ": " + e.getMessage());
    }
    return new LifecycleSettings(hub.baseUrl(), hubApiUrl,
        new LifecycleSettings.Timeouts(Duration.ofSeconds(sp.startTimeout()), Duration.ofSeconds(sp.httpTimeout()),
            Duration.ofSeconds(sp.pollInterval()),
            StopTimeouts.ofSeconds(sp.interruptTimeout(), sp.termTimeout(), sp.killTimeout())),
        new LifecycleSettings.Limits(hub.concurrentSpawnLimit(), hub.activeServerLimit(),
            new ServerLifecycle.NamedServers(hub.allowNamedServers(), hub.namedServerLimitPerUser()),
            sp.consecutiveFailureLimit()),
        new LifecycleSettings.ServerSetup(new ServerLaunch(sp.cmd(), sp.args(), sp.environment(), sp.envKeep(),
            sp.notebookDir(), sp.ip(), sp.port()), environment(sp), logDir, certificates, profiles(sp)),
        new LifecycleSettings.Scopes(serverTokenScopes, sp.oauthClientAllowedScopes()),
        hub.cleanupServers());
  }

  /**
   * {@code Spawner.profiles}, checked at load, as the lifecycle's model of them. The sudo spawner
   * runs what its root-owned helper config says, so a profile changing {@code cmd} or {@code args}
   * there would be silently ignored: refused instead.
   */
  static SpawnProfiles profiles(SpawnerSettings sp) {
    List<ProfileSpec> specs = sp.profiles();
    if (sp.kind() == SpawnerKind.SUDO) {
      for (int i = 0; i < specs.size(); i++) {
        ProfileSpec p = specs.get(i);
        boolean launches = changesCommand(p.override()) || p.options().values().stream()
            .flatMap(o -> o.choices().values().stream()).anyMatch(c -> changesCommand(c.override()));
        if (launches) {
          throw new StartupException("Spawner.profiles[" + i + "] ('" + p.slug() + "') overrides cmd or args, which "
              + "SudoSpawner does not use: its helper's root-owned config decides what runs (see docs/no-root.md)");
        }
      }
    }
    return new SpawnProfiles(specs.stream().map(p -> new SpawnProfiles.Profile(p.slug(), p.displayName(),
        p.description(), p.isDefault(), overrides(p.override()), p.options().entrySet().stream()
            .map(o -> new SpawnProfiles.Option(o.getKey(), o.getValue().displayName(),
                o.getValue().choices().entrySet().stream().map(c -> new SpawnProfiles.Choice(c.getKey(),
                    c.getValue().displayName(), c.getValue().isDefault(), overrides(c.getValue().override()))).toList()))
            .toList())).toList());
  }

  private static boolean changesCommand(ProfileSpec.Override o) {
    return o.cmd().isPresent() || o.args().isPresent();
  }

  private static SpawnProfiles.Overrides overrides(ProfileSpec.Override o) {
    return new SpawnProfiles.Overrides(o.cmd(), o.args(), o.environment(), o.defaultUrl(), o.memLimit(), o.cpuLimit());
  }

  /** Variables every server gets from the spawner traits (JupyterHub's {@code Spawner.get_env}). */
  static Map<String, String> environment(SpawnerSettings sp) {
    Map<String, String> env = new LinkedHashMap<>();
    if (sp.disableUserConfig()) env.put("JUPYTERHUB_DISABLE_USER_CONFIG", "1");
    if (sp.debug()) env.put("JUPYTERHUB_DEBUG", "1");
    if (!sp.defaultUrl().isEmpty()) env.put("JUPYTERHUB_DEFAULT_URL", sp.defaultUrl());
    sp.memLimit().ifPresent(v -> env.put("MEM_LIMIT", Long.toString(v)));
    sp.cpuLimit().ifPresent(v -> env.put("CPU_LIMIT", Double.toString(v)));
    sp.memGuarantee().ifPresent(v -> env.put("MEM_GUARANTEE", Long.toString(v)));
    sp.cpuGuarantee().ifPresent(v -> env.put("CPU_GUARANTEE", Double.toString(v)));
    return env;
  }
}
