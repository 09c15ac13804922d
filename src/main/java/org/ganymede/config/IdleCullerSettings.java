package org.ganymede.config;

/**
 * The {@code IdleCuller} traits: jupyterhub-idle-culler's options, for the culler built into the
 * hub. Times are in seconds, as the culler's own options are.
 */
public record IdleCullerSettings(
    boolean enabled,
    int timeout,
    int cullEvery,
    int maxAge,
    boolean cullUsers,
    boolean cullAdminUsers,
    boolean cullDefaultServers,
    boolean cullNamedServers,
    boolean removeNamedServers,
    int concurrency) {

  static IdleCullerSettings from(Values v) {
    return SettingsBinder.bind(IdleCullerSettings.class, v, java.util.Optional.empty());
  }
}
