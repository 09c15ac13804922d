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
    String homeDirTemplate,
    String sudospawnerPath,
    String mediatorLogLevel,
    boolean debugMediator,
    String helperPath,
    String usersGroup) {

  static SpawnerSettings from(SpawnerKind kind, Values v) {
    return new SpawnerSettings(kind, v.list("cmd"), v.list("args"), v.list("env_keep"), v.stringMap("environment"),
        v.string("default_url"), v.string("notebook_dir"), v.bool("disable_user_config"), v.bool("debug"),
        v.string("ip"), v.integer("port"), v.integer("start_timeout"), v.integer("http_timeout"),
        v.integer("poll_interval"), v.string("options_form"), v.byteSize("mem_limit"), v.optionalNumber("cpu_limit"),
        v.byteSize("mem_guarantee"), v.optionalNumber("cpu_guarantee"), v.list("oauth_client_allowed_scopes"),
        v.list("server_token_scopes"), v.integer("consecutive_failure_limit"), v.list("ssl_alt_names"),
        v.integer("interrupt_timeout"), v.integer("term_timeout"), v.integer("kill_timeout"), v.list("shell_cmd"),
        v.string("home_dir_template"), v.string("sudospawner_path"), v.logLevel("mediator_log_level"),
        v.bool("debug_mediator"), v.string("helper_path"), v.string("users_group"));
  }
}
