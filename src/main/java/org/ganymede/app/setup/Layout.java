package org.ganymede.app.setup;

import java.nio.file.Path;
import java.util.List;

/**
 * Where setup puts things and what it names them; the defaults are the real installation, tests
 * pass their own names and directories so they never touch a real one.
 *
 * @param serviceUser the system account the hub runs as
 * @param usersGroup members may have servers (the sudoers Runas group)
 * @param helperDir root-owned directory of the launcher and its jars
 * @param pamService PAM service name; its file is {@code /etc/pam.d/<pamService>}
 * @param sudo the sudo program; setup refuses to change anything when it is missing
 * @param classpath what the launcher runs: the Ganymede jar (or, in tests, classes and jars)
 * @param singleUserCmd the server command the helper config names
 * @param usePam the hub logs users in with PAM: the service user joins {@code shadow}
 */
public record Layout(String serviceUser, String usersGroup, Path helperDir, Path configDir, Path dataDir,
    Path sudoersFile, String pamService, Path unitFile, Path sudo, Path java, List<Path> classpath,
    Path singleUserCmd, int hubPort, boolean usePam) {

  public Layout {
    classpath = List.copyOf(classpath);
    for (String name : List.of(serviceUser, usersGroup, pamService)) {
      if (!name.matches("[a-z_][a-z0-9_-]{0,30}")) {
        throw new SetupException("'" + name + "' is not a safe user, group or PAM service name "
            + "(lower-case letters, digits, '_' and '-', at most 31 characters)");
      }
    }
  }

  public Path helper() {
    return helperDir.resolve("spawn-helper");
  }

  Path libDir() {
    return helperDir.resolve("lib");
  }

  public Path helperConfig() {
    return configDir.resolve("spawn-helper.json");
  }

  public Path pamFile() {
    return Path.of("/etc/pam.d", pamService);
  }

  Path hubConfig() {
    return configDir.resolve("ganymede_config.py");
  }

  Path cookieSecret() {
    return dataDir.resolve("jupyterhub_cookie_secret");
  }

  Path proxyTokenFile() {
    return dataDir.resolve("proxy_auth_token.env");
  }

  Path selinuxSource() {
    return configDir.resolve("selinux").resolve("ganymede.te");
  }
}
