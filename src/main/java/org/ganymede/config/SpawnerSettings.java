package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chosen spawner and its traits: {@code Spawner}'s, {@code LocalProcessSpawner}'s,
 * {@code SimpleLocalProcessSpawner.home_dir_template} and {@code SudoSpawner}'s. Memory sizes are
 * in bytes.
 */
public record SpawnerSettings(
    SpawnerKind kind,
    List<String> cmd,
    List<String> args,
    List<String> envKeep,
    Map<String, String> environment,
    String defaultUrl,
    String notebookDir,
    boolean disableUserConfig,
    boolean debug,
    String ip,
    int port,
    int startTimeout,
    int httpTimeout,
    int pollInterval,
    String optionsForm,
    List<ProfileSpec> profiles,
    Optional<Long> memLimit,
    Optional<Double> cpuLimit,
    Optional<Long> memGuarantee,
    Optional<Double> cpuGuarantee,
    List<String> oauthClientAllowedScopes,
    List<String> serverTokenScopes,
    int consecutiveFailureLimit,
    List<String> sslAltNames,
    int interruptTimeout,
    int termTimeout,
    int killTimeout,
    List<String> shellCmd,
    String usernameTemplate,
    boolean createSystemUsers,
    boolean createHomeDirectories,
    java.util.Set<String> allowedSystemUsers,
    String homeDirTemplate,
    String helperPath,
    String usersGroup,
    Map<String, String> authStateEnv) {

  static SpawnerSettings from(SpawnerKind kind, Values v) {
    return SettingsBinder.bind(SpawnerSettings.class, v, java.util.Optional.of(kind));
  }
}
